/// Saving and restoring the state of any environment as a training run holds it: a
/// `SnapshottingEnvironment` itself, or one inside `Registry.make`'s standard `EpisodeGuard`.
///
/// ```swift
/// let env = try Registry.shared.make("inventory/inventory-v1")   // a plugin, inside an EpisodeGuard
/// if let saved = env.savedState() {                               // nil: it cannot save its state
///     try env.restoreState(saved)
/// }
/// ```
extension Environment {
    /// Everything the environment's future depends on, or nil when it cannot save its state.
    public func savedState() -> EnvironmentSnapshot? {
        if let guarded = self as? EpisodeGuard { return guarded.snapshot() }
        return (self as? SnapshottingEnvironment)?.snapshot()
    }

    /// Whether `savedState()` gives a snapshot.
    public var canSaveState: Bool {
        if let guarded = self as? EpisodeGuard { return guarded.inner.canSaveState }
        return self is SnapshottingEnvironment
    }

    /// Puts back what `savedState()` wrote, on an environment made the same way.
    /// - Throws: `GymError.invalidArgument` when it cannot save its state, or for a snapshot that does not fit.
    public func restoreState(_ snapshot: EnvironmentSnapshot) throws {
        if let guarded = self as? EpisodeGuard { return try guarded.restore(snapshot) }
        guard let snapshotting = self as? SnapshottingEnvironment else {
            throw GymError.invalidArgument("\(metadata.id ?? String(describing: type(of: self))) cannot save its state")
        }
        try snapshotting.restore(snapshot)
    }
}
