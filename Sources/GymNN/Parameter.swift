/// A trainable tensor: its values and the gradient accumulated for them (same length).
public final class Parameter {
    public var value: [Float]
    public var gradient: [Float]
    public let shape: [Int]

    public init(_ value: [Float], shape: [Int]) {
        precondition(value.count == shape.reduce(1, *))
        self.value = value
        gradient = Array(repeating: 0, count: value.count)
        self.shape = shape
    }

    public var count: Int { value.count }

    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { g in
            let base = g.baseAddress
            WorkerThreads.forEachBlock(ofTensor: shape) { block in (base! + block.lowerBound).update(repeating: 0, count: block.count) }
        }
    }
}

extension Array where Element == Parameter {
    /// Sets every gradient to zero.
    public func zeroGradients() { for p in self { p.zeroGradient() } }

    /// The global L2 norm of all gradients. The squares are summed in sixteen running sums (lane i takes
    /// elements i, i + 16, ... of each parameter, then its tail one by one into lane 0), which the vector
    /// unit keeps in one register: a fixed order, so the same bits everywhere, and no chain of dependent
    /// additions (a plain running sum took 8% of a DQN run).
    public func gradientNorm() -> Float {
        var lanes = SIMD16<Float>()
        for p in self {
            p.gradient.withUnsafeBufferPointer { g in
                guard let base = g.baseAddress else { return }
                let whole = g.count / 16 * 16
                let raw = UnsafeRawPointer(base)
                var i = 0
                while i < whole {
                    let x = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                    lanes += x * x
                    i += 16
                }
                while i < g.count { lanes[0] += g[i] * g[i]; i += 1 }
            }
        }
        var sum: Float = 0
        for lane in 0..<16 { sum += lanes[lane] }
        return sum.squareRoot()
    }

    /// Scales all gradients so that their global L2 norm is at most `maxNorm` (as PyTorch's
    /// `clip_grad_norm_`, with its 1e-6 guard); returns the norm before clipping.
    @discardableResult
    public func clipGradientNorm(_ maxNorm: Float) -> Float {
        let norm = gradientNorm()
        let scale = maxNorm / (norm + 1e-6)
        if scale < 1 {
            for p in self { p.gradient.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] *= scale } } }
        }
        return norm
    }

    /// Copies every value from `source` (hard target-network update).
    public func copyValues(from source: [Parameter]) {
        precondition(count == source.count)
        for (target, s) in zip(self, source) { target.value = s.value }
    }

    /// `target = tau * source + (1 - tau) * target` (soft, Polyak target-network update).
    public func polyakUpdate(from source: [Parameter], tau: Float) {
        precondition(count == source.count)
        for (target, s) in zip(self, source) {
            precondition(target.count == s.count, "Polyak update between parameters of \(target.count) and \(s.count) values")
            s.value.withUnsafeBufferPointer { from in
                target.value.withUnsafeMutableBufferPointer { to in
                    WorkerThreads.forEachBlock(ofTensor: target.shape) { block in
                        for i in block { to[i] = tau * from[i] + (1 - tau) * to[i] }
                    }
                }
            }
        }
    }
}
