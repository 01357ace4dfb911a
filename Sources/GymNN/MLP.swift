import GymRandom

/// A multilayer perceptron: `Linear` layers with `activation` between them and `outputActivation`
/// after the last.
///
/// `forward` keeps what `backward` needs (each layer's input and output) in buffers that are reused
/// from call to call, so a training step allocates nothing once the batch size is stable. The matrix
/// `forward` returns shares storage with the network's buffers: it stays valid until the next
/// `forward`. Batched and single-row paths give the same numbers up to Float rounding.
public final class MLP {
    public let sizes: [Int]
    public let activation: Activation
    public let outputActivation: Activation
    public let layers: [Linear]
    /// activations[0] is the input; activations[i + 1] the output of layer i after its nonlinearity.
    private var activations: [Matrix]
    private var gradients: [Matrix?]

    /// - Parameters:
    ///   - sizes: `[inputs, hidden..., outputs]`, at least two entries.
    ///   - initialization: of the hidden layers; `outputInitialization` of the last (e.g. orthogonal with gain 0.01 for policy heads).
    public init(sizes: [Int], activation: Activation = .relu, outputActivation: Activation = .identity,
                initialization: Initialization = .pytorchDefault, outputInitialization: Initialization? = nil,
                rng: inout RandomSource) {
        precondition(sizes.count >= 2 && sizes.allSatisfy { $0 > 0 }, "an MLP needs at least input and output sizes, all positive")
        self.sizes = sizes
        self.activation = activation
        self.outputActivation = outputActivation
        var layers: [Linear] = []
        for i in 0..<(sizes.count - 1) {
            let isLast = i == sizes.count - 2
            layers.append(Linear(inputs: sizes[i], outputs: sizes[i + 1],
                                 initialization: isLast ? (outputInitialization ?? initialization) : initialization, rng: &rng))
        }
        self.layers = layers
        activations = Array(repeating: Matrix(rows: 0, columns: 0), count: sizes.count)
        gradients = Array(repeating: Matrix(rows: 0, columns: 0), count: sizes.count)
    }

    public var inputSize: Int { sizes[0] }
    public var outputSize: Int { sizes[sizes.count - 1] }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The outputs for a batch of inputs (one row each).
    @discardableResult
    public func forward(_ input: Matrix) -> Matrix {
        precondition(input.columns == inputSize, "MLP expects \(inputSize) inputs, got \(input.columns)")
        activations[0] = input
        for (i, layer) in layers.enumerated() {
            layer.forward(activations[i], into: &activations[i + 1], activation: i == layers.count - 1 ? outputActivation : activation)
        }
        return activations[layers.count]
    }

    /// The last hidden layer's outputs at the last `forward` (its input, for a network without hidden layers).
    public var lastHiddenOutput: Matrix { activations[layers.count - 1] }

    /// The output for one input vector (plain loops; no caching for backward).
    public func predict(_ input: [Float]) -> [Float] {
        var x = Matrix(row: input)
        var y = Matrix(rows: 1, columns: 0)
        for (i, layer) in layers.enumerated() {
            layer.forward(x, into: &y, activation: i == layers.count - 1 ? outputActivation : activation)
            swap(&x, &y)
        }
        return x.data
    }

    /// Whether `backward` computes d loss / d input (needed when the input comes from another network,
    /// as a DDPG critic's action input does; observations need none). Default true.
    public var computesInputGradient = true

    /// Backpropagates `gradOutput` (d loss / d output of the last `forward`), accumulating every
    /// parameter's gradient, and returns d loss / d input (an empty matrix when `computesInputGradient` is false).
    @discardableResult
    public func backward(_ gradOutput: Matrix) -> Matrix {
        let last = layers.count
        precondition(gradOutput.rows == activations[last].rows && gradOutput.columns == outputSize, "gradient shape does not match the last forward")
        gradients[last] = gradOutput
        for i in stride(from: last - 1, through: 0, by: -1) {
            throughActivation(of: i)
            if i == 0 && !computesInputGradient {
                var none: Matrix? = nil
                layers[0].backward(input: activations[0], gradOutput: gradients[1]!, gradInput: &none)
                continue
            }
            if gradients[i] == nil { gradients[i] = Matrix(rows: 0, columns: 0) }
            layers[i].backward(input: activations[i], gradOutput: gradients[i + 1]!, gradInput: &gradients[i])
        }
        return computesInputGradient ? gradients[0]! : Matrix(rows: 0, columns: 0)
    }

    /// d loss / d input for `gradOutput` at the last `forward`, without touching any parameter's gradient:
    /// what an actor needs of its critic (half the work of `backward`, which also accumulates dW).
    public func inputGradient(_ gradOutput: Matrix) -> Matrix {
        let last = layers.count
        precondition(gradOutput.rows == activations[last].rows && gradOutput.columns == outputSize, "gradient shape does not match the last forward")
        gradients[last] = gradOutput
        for i in stride(from: last - 1, through: 0, by: -1) {
            throughActivation(of: i)
            if gradients[i] == nil { gradients[i] = Matrix(rows: 0, columns: 0) }
            layers[i].gradInput(gradients[i + 1]!, into: &gradients[i]!)
        }
        return gradients[0]!
    }

    /// Turns d loss / d (output of layer i) into d loss / d (its pre-activation): times f'(output).
    private func throughActivation(of i: Int) {
        let f = i == layers.count - 1 ? outputActivation : activation
        activations[i + 1].data.withUnsafeBufferPointer { y in
            gradients[i + 1]!.data.withUnsafeMutableBufferPointer { f.multiplyByDerivative($0, outputs: y) }
        }
    }
}
