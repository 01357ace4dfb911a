#if canImport(Glibc)
import Glibc
#endif

/// An elementwise nonlinearity.
public enum Activation: String, Sendable, Codable, CaseIterable {
    case identity, relu, tanh, sigmoid

    @inline(__always)
    public func apply(_ x: Float) -> Float {
        switch self {
        case .identity: return x
        case .relu: return x > 0 ? x : 0
        case .tanh: return Glibc.tanhf(x)
        case .sigmoid: return 1 / (1 + Glibc.expf(-x))
        }
    }

    /// The derivative expressed through the activation's output `y` (all four allow it).
    @inline(__always)
    public func derivative(output y: Float) -> Float {
        switch self {
        case .identity: return 1
        case .relu: return y > 0 ? 1 : 0
        case .tanh: return 1 - y * y
        case .sigmoid: return y * (1 - y)
        }
    }
}
