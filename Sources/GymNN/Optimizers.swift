#if canImport(Glibc)
import Glibc
#endif
import CGymMath

/// Updates parameters from their accumulated gradients (descending: value -= step).
public protocol Optimizer: AnyObject {
    var parameters: [Parameter] { get }
    var learningRate: Float { get set }
    func step()
}

/// Stochastic gradient descent with optional momentum (PyTorch's formulation).
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    private var velocity: [[Float]]

    public init(_ parameters: [Parameter], learningRate: Float, momentum: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        velocity = parameters.map { Array(repeating: 0, count: $0.count) }
    }

    public func step() {
        for (k, p) in parameters.enumerated() {
            for i in p.value.indices {
                var g = p.gradient[i]
                if momentum != 0 {
                    velocity[k][i] = momentum * velocity[k][i] + g
                    g = velocity[k][i]
                }
                p.value[i] -= learningRate * g
            }
        }
    }
}

/// Adam (Kingma and Ba, 2015) with PyTorch's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8 added to
/// the square root of the bias-corrected second moment.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public internal(set) var stepCount = 0
    public internal(set) var firstMoments: [[Float]]
    public internal(set) var secondMoments: [[Float]]

    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        firstMoments = parameters.map { Array(repeating: 0, count: $0.count) }
        secondMoments = parameters.map { Array(repeating: 0, count: $0.count) }
    }

    public func step() {
        stepCount += 1
        let correction1 = 1 - powf(beta1, Float(stepCount))
        let correction2 = 1 - powf(beta2, Float(stepCount))
        let stepSize = learningRate / correction1
        let b1 = beta1, b2 = beta2, eps = epsilon, inverseCorrection2 = 1 / correction2
        for (k, p) in parameters.enumerated() {
            p.value.withUnsafeMutableBufferPointer { value in
                p.gradient.withUnsafeBufferPointer { grad in
                    firstMoments[k].withUnsafeMutableBufferPointer { m in
                        secondMoments[k].withUnsafeMutableBufferPointer { v in
                            // CGymMath's kernel: the scalar formula's bits, vectorised; large tensors in row
                            // blocks on the threads that wrote those rows of the gradient.
                            let value = value.baseAddress!, grad = grad.baseAddress!, m = m.baseAddress!, v = v.baseAddress!
                            WorkerThreads.forEachBlock(ofTensor: p.shape) { block in
                                let i = block.lowerBound
                                gym_adam_update(value + i, grad + i, m + i, v + i, block.count, b1, b2, eps, stepSize, inverseCorrection2)
                            }
                        }
                    }
                }
            }
        }
    }
}
