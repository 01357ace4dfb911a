/// Turns a `Discrete(n)` observation into a one-hot `Box(0, 1, shape [n])` vector, for neural agents.
public final class OneHotObservation: Wrapper {
    private let discrete: Discrete
    private let space: Space

    /// - Throws: `GymError.invalidArgument` when the observation space is not `Discrete`.
    public init(_ inner: Environment) throws {
        guard case .discrete(let d) = inner.observationSpace else {
            throw GymError.invalidArgument("OneHotObservation needs a Discrete observation space, got \(inner.observationSpace)")
        }
        discrete = d
        space = .box(try Box(low: 0, high: 1, shape: [d.n]))
        super.init(inner: inner)
    }

    public override var observationSpace: Space { space }

    private func encode(_ observation: Observation) -> Observation { .vector(inner.observationSpace.flatten(observation)) }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let (observation, info) = try inner.reset(seed: seed, options: options)
        return (encode(observation), info)
    }

    public override func observe() throws -> Observation { encode(try inner.observe()) }

    public override func step(_ action: Action) throws -> Step {
        var step = try inner.step(action)
        step.observation = encode(step.observation)
        return step
    }
}
