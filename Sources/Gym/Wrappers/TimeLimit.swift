/// Ends every episode after `maxEpisodeSteps` steps with `truncated == true`.
///
/// Contract: the step numbered `maxEpisodeSteps` (counting from 1 after each reset) returns
/// `truncated == true` unless that same step is terminal, in which case `terminated` alone is set
/// (the MDP's own end takes precedence, so value targets do not bootstrap past it). A step after the
/// truncated step throws `GymError.episodeEnded` until `reset`, as a step after termination does.
public final class TimeLimit: Wrapper {
    public let maxEpisodeSteps: Int
    public var elapsedSteps: Int { elapsed }
    // Private storage (with the public getter above) lets the optimizer drop dynamic exclusivity checks.
    private var elapsed = 0
    private var truncatedEpisode = false

    public init(_ inner: Environment, maxEpisodeSteps: Int) throws {
        guard maxEpisodeSteps > 0 else { throw GymError.invalidArgument("TimeLimit needs maxEpisodeSteps > 0, got \(maxEpisodeSteps)") }
        self.maxEpisodeSteps = maxEpisodeSteps
        super.init(inner: inner)
    }

    public override var metadata: EnvironmentMetadata {
        var m = inner.metadata
        m.maxEpisodeSteps = maxEpisodeSteps
        return m
    }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let result = try inner.reset(seed: seed, options: options)
        elapsed = 0
        truncatedEpisode = false
        return result
    }

    public override func step(_ action: Action) throws -> Step {
        if truncatedEpisode {
            throw GymError.episodeEnded("\(metadata.id ?? "environment"): step() called after the episode was truncated at \(maxEpisodeSteps) steps; call reset() first")
        }
        var step = try inner.step(action)
        elapsed += 1
        if elapsed >= maxEpisodeSteps && !step.terminated {
            step.truncated = true
            truncatedEpisode = true
        }
        return step
    }

    public override var stateKey: String { "time-limit" }
    public override var batchLayer: BatchLayer { .timeLimit(maxEpisodeSteps) }

    public override func ownState() -> EnvironmentSnapshot? {
        var own = EnvironmentSnapshot()
        own.set("elapsed", int: elapsed)
        own.set("truncated", int: truncatedEpisode ? 1 : 0)
        return own
    }

    public override func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {
        elapsed = try own.int("elapsed")
        truncatedEpisode = try own.int("truncated") != 0
    }
}
