/// Counts the steps of an episode against a time limit, for environments that truncate their own
/// episodes (`SelfEnforcingEnvironment`), so that they need no `TimeLimit` layer.
///
/// ```swift
/// clock.start()                                             // in reset
/// let truncated = clock.tick() && !terminated               // in step: the MDP's own end wins
/// ```
public struct EpisodeClock: Sendable, Equatable {
    /// The time limit; nil for none.
    public var limit: Int? {
        get { end == Int.max ? nil : end }
        set { end = newValue ?? Int.max }
    }
    /// Steps since `start`.
    public private(set) var elapsed = 0
    private var end = Int.max

    public init(limit: Int? = nil) { self.limit = limit }

    /// Sets the limit and reports it in `metadata.maxEpisodeSteps` (which keeps its value when the limit
    /// is removed): the setter of a `SelfEnforcingEnvironment`'s `episodeLimit`.
    public mutating func setLimit(_ limit: Int?, reportingIn metadata: inout EnvironmentMetadata) {
        self.limit = limit
        if let limit { metadata.maxEpisodeSteps = limit }
    }

    /// A new episode: no steps yet.
    @inline(__always)
    public mutating func start() { elapsed = 0 }

    /// Continues an episode that had taken `steps` steps (restoring a snapshot).
    public mutating func resume(at steps: Int) { elapsed = steps }

    /// Counts one step; true when it is the step numbered `limit`, which must be truncated unless terminal.
    @inline(__always)
    public mutating func tick() -> Bool {
        elapsed &+= 1
        return elapsed >= end
    }
}
