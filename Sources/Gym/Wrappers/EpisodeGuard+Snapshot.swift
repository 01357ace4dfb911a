/// The guard's own state (where the episode is, the steps against the limit), saved with its inner
/// environment's as `guard.phase` and `guard.elapsed`, so that `Registry.make`'s standard stack around a
/// `SnapshottingEnvironment` (a plugin, a user's environment) is saved and put back as a whole
/// (`Environment.savedState()`).
extension EpisodeGuard {
    /// A snapshot of the inner environment alone (as an isolated plugin's batch writes one) gives the
    /// guard the episode's own `phase` and `elapsed`.
    func restoreGuard(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {
        let saved = own.entries["phase"] == nil ? whole : own
        resume(try saved.phase("phase"), at: try saved.int("elapsed"))
    }

    func guardState() -> EnvironmentSnapshot {
        var own = EnvironmentSnapshot()
        own.set("phase", phase: phase)
        own.set("elapsed", int: elapsedSteps)
        return own
    }
}
