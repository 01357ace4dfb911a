#if canImport(Glibc)
import Glibc
#endif
import GymRandom

/// How a `Linear` layer's weights are initialised.
public enum Initialization: Sendable, Equatable {
    /// PyTorch's `nn.Linear` default: weights and biases uniform in ±1/sqrt(fanIn)
    /// (kaiming_uniform with a = sqrt(5)).
    case pytorchDefault
    /// Orthogonal weights scaled by `gain` and zero biases (Stable-Baselines3's choice for PPO/A2C).
    case orthogonal(gain: Float)
}

/// A fully connected layer `y = x W + b`, with `W` of shape inputs x outputs (row-major).
public final class Linear {
    public let inputs: Int
    public let outputs: Int
    public let weight: Parameter
    public let bias: Parameter

    public init(inputs: Int, outputs: Int, initialization: Initialization = .pytorchDefault, rng: inout RandomSource) {
        self.inputs = inputs
        self.outputs = outputs
        var w = [Float](repeating: 0, count: inputs * outputs)
        var b = [Float](repeating: 0, count: outputs)
        switch initialization {
        case .pytorchDefault:
            let bound = 1 / Double(inputs).squareRoot()
            for i in w.indices { w[i] = Float(rng.uniform(-bound, bound)) }
            for i in b.indices { b[i] = Float(rng.uniform(-bound, bound)) }
        case .orthogonal(let gain):
            w = Linear.orthogonal(rows: inputs, columns: outputs, gain: gain, rng: &rng)
        }
        weight = Parameter(w, shape: [inputs, outputs])
        bias = Parameter(b, shape: [outputs])
    }

    /// A matrix with orthonormal rows or columns (Gram–Schmidt on Gaussian draws), times `gain`.
    static func orthogonal(rows: Int, columns: Int, gain: Float, rng: inout RandomSource) -> [Float] {
        // Orthonormalise the longer side's vectors of the transposed-if-needed matrix.
        let n = max(rows, columns), m = min(rows, columns)
        var vectors = (0..<m).map { _ in (0..<n).map { _ in rng.nextNormal() } }
        for i in 0..<m {
            for j in 0..<i {
                let dot = zip(vectors[i], vectors[j]).reduce(0) { $0 + $1.0 * $1.1 }
                for k in 0..<n { vectors[i][k] -= dot * vectors[j][k] }
            }
            let norm = vectors[i].reduce(0) { $0 + $1 * $1 }.squareRoot()
            for k in 0..<n { vectors[i][k] /= norm }
        }
        var w = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                w[r * columns + c] = gain * Float(rows >= columns ? vectors[c][r] : vectors[r][c])
            }
        }
        return w
    }

    public var parameters: [Parameter] { [weight, bias] }

    /// `output = activation(input W + b)` (output is resized to batch x outputs). A large product runs in
    /// row blocks, each thread adding the bias and applying the activation to its own rows.
    public func forward(_ input: Matrix, into output: inout Matrix, activation: Activation = .identity) {
        output.resize(rows: input.rows, columns: outputs)
        let width = outputs
        let weights = Matrix(rows: inputs, columns: outputs, data: weight.value)
        bias.value.withUnsafeBufferPointer { b in
            let fillBias = { (out: UnsafeMutableBufferPointer<Float>) in
                for r in 0..<(out.count / width) { (out.baseAddress! + r * width).update(from: b.baseAddress!, count: width) }
            }
            if Matrix.isComputedInRowBlocks(rows: input.rows, columns: outputs, inner: inputs) {
                _ = Matrix.initialThreads
                return Matrix.multiplyInRowBlocks(input, weights, into: &output, beta: 1, before: fillBias, after: { activation.apply(toAll: $0) })
            }
            output.data.withUnsafeMutableBufferPointer { fillBias($0) }
            Matrix.multiply(input, weights, into: &output, beta: 1)
            output.data.withUnsafeMutableBufferPointer { activation.apply(toAll: $0) }
        }
    }

    /// Accumulates dW += input^T gradOutput and db += column sums of gradOutput; writes
    /// gradInput = gradOutput W^T when asked.
    public func backward(input: Matrix, gradOutput: Matrix, gradInput: inout Matrix?) {
        // Borrow the gradient storage (a swap, not a copy) so that sgemm accumulates into it in place.
        var gw = Matrix(rows: 0, columns: 0, data: [])
        swap(&gw.data, &weight.gradient)
        gw.rows = inputs
        gw.columns = outputs
        Matrix.multiply(input, transposeA: true, gradOutput, into: &gw, beta: 1)
        swap(&gw.data, &weight.gradient)
        let width = outputs
        bias.gradient.withUnsafeMutableBufferPointer { gb in
            gradOutput.data.withUnsafeBufferPointer { g in
                for r in 0..<gradOutput.rows {
                    let row = g.baseAddress! + r * width
                    for c in 0..<width { gb[c] += row[c] }
                }
            }
        }
        if gradInput != nil { self.gradInput(gradOutput, into: &gradInput!) }
    }

    /// `gradInput = gradOutput W^T`, leaving the parameters' gradients alone.
    public func gradInput(_ gradOutput: Matrix, into gradInput: inout Matrix) {
        gradInput.resize(rows: gradOutput.rows, columns: inputs)
        Matrix.multiply(gradOutput, Matrix(rows: inputs, columns: outputs, data: weight.value), transposeB: true, into: &gradInput)
    }
}
