/// A multi-agent environment whose whole state can be written out and put back, as
/// `SnapshottingEnvironment` for one agent: an interrupted self-play run continues exactly where it
/// stopped (`gym train --resume`).
///
/// Contract: restored from `snapshot()`, the environment behaves call for call exactly as the one the
/// snapshot was taken from would have: the same live agents, observations, rewards and flags.
/// `restore` accepts only snapshots of an environment made the same way.
///
/// ```swift
/// let saved = game.snapshot()
/// let a = try game.step(actions)
/// try game.restore(saved)
/// let b = try game.step(actions)   // a == b
/// ```
public protocol SnapshottingMultiAgentEnvironment: MultiAgentEnvironment {
    /// Everything the environment's future depends on.
    func snapshot() -> EnvironmentSnapshot
    /// Puts back a snapshot of an environment made the same way.
    /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit.
    func restore(_ snapshot: EnvironmentSnapshot) throws
}
