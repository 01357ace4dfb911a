/// The guard's own state (where the episode is, the steps against the limit) saved with its inner
/// environment's, so that `Registry.make`'s standard stack around a `SnapshottingEnvironment` (a plugin,
/// a user's environment) can be saved and put back as a whole (`Environment.savedState()`).
extension EpisodeGuard {
    /// The inner environment's snapshot with `guard.phase` and `guard.elapsed`; nil when the inner one
    /// cannot save its state.
    public func snapshot() -> EnvironmentSnapshot? {
        guard var snapshot = inner.savedState() else { return nil }
        snapshot.set("guard.phase", phase: phase)
        snapshot.set("guard.elapsed", int: elapsedSteps)
        return snapshot
    }

    /// Puts back what `snapshot()` wrote. A snapshot of the inner environment alone (as an isolated
    /// plugin's batch writes one) gives the guard the episode's own `phase` and `elapsed`.
    /// - Throws: `GymError.invalidArgument` when the inner environment cannot save its state, or naming
    ///   the entry that is missing or does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let alone = snapshot.entries["guard.phase"] == nil
        let phase = try snapshot.phase(alone ? "phase" : "guard.phase"), steps = try snapshot.int(alone ? "elapsed" : "guard.elapsed")
        try inner.restoreState(snapshot)
        resume(phase, at: steps)
    }
}
