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
        for i in gradient.indices { gradient[i] = 0 }
    }
}

extension Array where Element == Parameter {
    /// Sets every gradient to zero.
    public func zeroGradients() { for p in self { p.zeroGradient() } }

    /// The global L2 norm of all gradients.
    public func gradientNorm() -> Float {
        var sum: Float = 0
        for p in self { for g in p.gradient { sum += g * g } }
        return sum.squareRoot()
    }

    /// Scales all gradients so that their global L2 norm is at most `maxNorm` (as PyTorch's
    /// `clip_grad_norm_`, with its 1e-6 guard); returns the norm before clipping.
    @discardableResult
    public func clipGradientNorm(_ maxNorm: Float) -> Float {
        let norm = gradientNorm()
        let scale = maxNorm / (norm + 1e-6)
        if scale < 1 { for p in self { for i in p.gradient.indices { p.gradient[i] *= scale } } }
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
            for i in target.value.indices { target.value[i] = tau * s.value[i] + (1 - tau) * target.value[i] }
        }
    }
}
