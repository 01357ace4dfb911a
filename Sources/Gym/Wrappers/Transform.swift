/// Applies a function to every observation; `space` is the observation space of the results.
/// The caller guarantees that `transform` maps the inner space into `space`.
public class TransformObservation: StatelessWrapper {
    private let space: Space
    private let transform: (Observation) -> Observation

    public init(_ inner: Environment, space: Space? = nil, _ transform: @escaping (Observation) -> Observation) {
        self.space = space ?? inner.observationSpace
        self.transform = transform
        super.init(inner: inner)
    }

    public override var observationSpace: Space { space }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let (observation, info) = try inner.reset(seed: seed, options: options)
        return (transform(observation), info)
    }

    public override func observe() throws -> Observation { transform(try inner.observe()) }

    public override func step(_ action: Action) throws -> Step {
        var step = try inner.step(action)
        step.observation = transform(step.observation)
        return step
    }
}

/// Applies a function to every reward (for example scaling or clipping).
public final class TransformReward: StatelessWrapper {
    private let transform: (Double) -> Double

    public init(_ inner: Environment, _ transform: @escaping (Double) -> Double) {
        self.transform = transform
        super.init(inner: inner)
    }

    public override func step(_ action: Action) throws -> Step {
        var step = try inner.step(action)
        step.reward = transform(step.reward)
        return step
    }
}

/// Accepts actions from `space` and maps each to an action of the inner environment.
/// The action is validated against `space` first; the mapped action is validated by the inner environment.
public final class TransformAction: StatelessWrapper {
    private let space: Space
    private let transform: (Action) -> Action

    public init(_ inner: Environment, space: Space, _ transform: @escaping (Action) -> Action) {
        self.space = space
        self.transform = transform
        super.init(inner: inner)
    }

    public override var actionSpace: Space { space }

    public override func step(_ action: Action) throws -> Step {
        try space.validate(action)
        return try inner.step(transform(action))
    }
}
