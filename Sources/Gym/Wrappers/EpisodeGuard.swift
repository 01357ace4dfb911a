/// The standard wrapper of `Registry.make`: call-order enforcement, action validation and the time
/// limit, in one layer, for environments that do not enforce them themselves.
///
/// Contract (that of an order-enforcing layer and of `TimeLimit`, together):
/// - `step` before the first `reset` throws `GymError.resetNeeded`; `step` after a step that returned
///   `terminated` or `truncated` throws `GymError.episodeEnded` until `reset`; `observe` before the
///   first `reset` throws `GymError.resetNeeded`.
/// - An action outside `actionSpace` throws `GymError.invalidAction` before the inner environment
///   sees it.
/// - With `maxEpisodeSteps`, the step numbered `maxEpisodeSteps` (counting from 1 after each reset)
///   returns `truncated == true` unless that same step is terminal, in which case `terminated` alone is
///   set; `metadata.maxEpisodeSteps` reports the limit.
///
/// `EpisodeGuard.standard(_:maxEpisodeSteps:)` is what `make` applies: a `SelfEnforcingEnvironment`
/// is given the limit and returned as it is, any other environment is wrapped. Each layer costs a copy
/// of the `Step` per step, which is why the guard is one layer and not an order-enforcing layer around
/// `TimeLimit`. Without a limit the guard enforces the order alone; `TimeLimit` remains for stacks that
/// need the limit apart.
///
/// ```swift
/// let env = try EpisodeGuard(MyEnvironment(), maxEpisodeSteps: 200)
/// _ = try env.reset(seed: 1)
/// let step = try env.step(.discrete(1))   // an action outside the space throws GymError.invalidAction
/// ```
public final class EpisodeGuard: Wrapper {
    /// The time limit, if any.
    public let maxEpisodeSteps: Int?
    /// Where the episode is in the call order.
    public var phase: EpisodePhase { current }
    /// Steps taken since the last reset.
    public var elapsedSteps: Int { clock.elapsed }
    // Private storage (with the public getters above) lets the optimizer drop dynamic exclusivity checks.
    private var current = EpisodePhase.needsReset
    private var clock: EpisodeClock
    /// Read once: spaces and metadata do not change after construction.
    private let checkedActions: Space
    private let guardedMetadata: EnvironmentMetadata

    /// - Throws: `GymError.invalidArgument` when `maxEpisodeSteps` is not positive.
    public init(_ inner: Environment, maxEpisodeSteps: Int? = nil) throws {
        try EpisodeGuard.checkLimit(maxEpisodeSteps)
        self.maxEpisodeSteps = maxEpisodeSteps
        clock = EpisodeClock(limit: maxEpisodeSteps)
        checkedActions = inner.actionSpace
        var metadata = inner.metadata
        if let maxEpisodeSteps { metadata.maxEpisodeSteps = maxEpisodeSteps }
        guardedMetadata = metadata
        super.init(inner: inner)
    }

    /// The standard stack: `env` itself with `episodeLimit` set when it is a `SelfEnforcingEnvironment`,
    /// else `env` inside an `EpisodeGuard`.
    /// - Throws: `GymError.invalidArgument` when `maxEpisodeSteps` is not positive.
    public static func standard(_ env: Environment, maxEpisodeSteps: Int?) throws -> Environment {
        guard let enforcing = env as? SelfEnforcingEnvironment else { return try EpisodeGuard(env, maxEpisodeSteps: maxEpisodeSteps) }
        try checkLimit(maxEpisodeSteps)
        enforcing.episodeLimit = maxEpisodeSteps
        return enforcing
    }

    private static func checkLimit(_ maxEpisodeSteps: Int?) throws {
        if let maxEpisodeSteps, maxEpisodeSteps <= 0 {
            throw GymError.invalidArgument("a time limit needs maxEpisodeSteps > 0, got \(maxEpisodeSteps)")
        }
    }

    public override var metadata: EnvironmentMetadata { guardedMetadata }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let result = try inner.reset(seed: seed, options: options)
        clock.start()
        current = .running
        return result
    }

    public override func observe() throws -> Observation {
        try current.checkObserve(name)
        return try inner.observe()
    }

    public override func step(_ action: Action) throws -> Step {
        try current.checkStep(name)
        try checkedActions.validate(action)
        var step = try inner.step(action)
        if clock.tick() && !step.terminated { step.truncated = true }
        current = .after(step)
        return step
    }

    /// Continues an episode at `phase` after `steps` steps (restoring a snapshot, `EpisodeGuard+Snapshot`).
    func resume(_ phase: EpisodePhase, at steps: Int) {
        current = phase
        clock.resume(at: steps)
    }

    private var name: String { guardedMetadata.id ?? "environment" }

    public override var stateKey: String { "guard" }
    public override func ownState() -> EnvironmentSnapshot? { guardState() }
    public override func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws { try restoreGuard(own, whole: whole) }
    /// The guard's limit is the batch's; the vector checks the call order and the actions itself.
    public override var batchLayer: BatchLayer { maxEpisodeSteps.map { .timeLimit($0) } ?? .transparent }
}
