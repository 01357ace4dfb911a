/// Turns a `Discrete(n)` observation into a one-hot `Box(0, 1, shape [n])` vector, for neural agents.
public final class OneHotObservation: TransformObservation {
    /// - Throws: `GymError.invalidArgument` when the observation space is not `Discrete`.
    public init(_ inner: Environment) throws {
        guard case .discrete(let d) = inner.observationSpace else {
            throw GymError.invalidArgument("OneHotObservation needs a Discrete observation space, got \(inner.observationSpace)")
        }
        let discrete = inner.observationSpace
        super.init(inner, space: .box(try Box(low: 0, high: 1, shape: [d.n]))) { .vector(discrete.flatten($0)) }
    }
}
