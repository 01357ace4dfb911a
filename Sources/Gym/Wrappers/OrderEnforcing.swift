/// Enforces the call order and the action space, whatever the wrapped environment does.
///
/// Contract: `step` before the first `reset` throws `GymError.resetNeeded`; `step` after a step that
/// returned `terminated` or `truncated` throws `GymError.episodeEnded` until `reset`; an action
/// outside `actionSpace` throws `GymError.invalidAction` before reaching the inner environment.
public final class OrderEnforcing: Wrapper {
    /// Where the episode is in the call order.
    public var phase: EpisodePhase { current }
    // Private storage (with the public getter above) lets the optimizer drop dynamic exclusivity checks.
    private var current = EpisodePhase.needsReset
    /// The action space, read once: spaces do not change after construction.
    private let checkedActions: Space

    public init(_ inner: Environment) {
        checkedActions = inner.actionSpace
        super.init(inner: inner)
    }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let result = try inner.reset(seed: seed, options: options)
        current = .running
        return result
    }

    public override func observe() throws -> Observation {
        try phase.checkObserve(name)
        return try inner.observe()
    }

    public override func step(_ action: Action) throws -> Step {
        try phase.checkStep(name)
        try checkedActions.validate(action)
        let step = try inner.step(action)
        current = .after(step)
        return step
    }

    private var name: String { metadata.id ?? "environment" }
}
