/// Saving and restoring the state of any environment as a training run holds it: a
/// `SnapshottingEnvironment` itself, or one inside wrappers that each say what their own state is
/// (`Wrapper.ownState()`; `Registry.make`'s standard `EpisodeGuard`, `TimeLimit`, `NormalizeObservation`
/// and the other wrappers shipped here all do).
///
/// ```swift
/// let env = try Registry.shared.make("inventory/inventory-v1")   // a plugin, inside an EpisodeGuard
/// if let saved = env.savedState() {                               // nil: it cannot save its state
///     try env.restoreState(saved)
/// } else {
///     print(env.saveStateRefusal!)                                // which layer cannot, and why
/// }
/// ```
extension Environment {
    /// Everything the environment's future depends on, or nil when it cannot save its state.
    public func savedState() -> EnvironmentSnapshot? {
        if let snapshotting = self as? SnapshottingEnvironment { return snapshotting.snapshot() }
        return (self as? Wrapper)?.stackState()
    }

    /// Whether `savedState()` gives a snapshot.
    public var canSaveState: Bool { saveStateRefusal == nil }

    /// Why `savedState()` gives nil, naming the environment or the wrapper that cannot save; nil when it can.
    public var saveStateRefusal: String? {
        if self is SnapshottingEnvironment { return nil }
        guard let wrapper = self as? Wrapper else {
            return "\(metadata.id ?? String(describing: type(of: self))) cannot save its state: it is not a SnapshottingEnvironment"
        }
        if wrapper.ownState() == nil {
            return "the wrapper \(type(of: wrapper)) cannot save its state: it does not say what it keeps (Wrapper.ownState())"
        }
        return wrapper.inner.saveStateRefusal
    }

    /// Puts back what `savedState()` wrote, on an environment made the same way.
    /// - Throws: `GymError.invalidArgument` when it cannot save its state, or for a snapshot that does not fit.
    public func restoreState(_ snapshot: EnvironmentSnapshot) throws {
        if let snapshotting = self as? SnapshottingEnvironment { return try snapshotting.restore(snapshot) }
        if let refusal = saveStateRefusal { throw GymError.invalidArgument(refusal) }
        try (self as! Wrapper).restoreStack(snapshot)
    }
}
