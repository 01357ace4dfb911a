/// Enforces the call order and the action space, whatever the wrapped environment does.
///
/// Contract: `step` before the first `reset` throws `GymError.resetNeeded`; `step` after a step that
/// returned `terminated` or `truncated` throws `GymError.episodeEnded` until `reset`; an action
/// outside `actionSpace` throws `GymError.invalidAction` before reaching the inner environment.
public final class OrderEnforcing: Wrapper {
    public private(set) var phase = EpisodePhase.needsReset

    public init(_ inner: Environment) { super.init(inner: inner) }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let result = try inner.reset(seed: seed, options: options)
        phase = .running
        return result
    }

    public override func observe() throws -> Observation {
        try phase.checkObserve(name)
        return try inner.observe()
    }

    public override func step(_ action: Action) throws -> Step {
        try phase.checkStep(name)
        try actionSpace.validate(action)
        let step = try inner.step(action)
        phase = .after(step)
        return step
    }

    private var name: String { metadata.id ?? "environment" }
}
