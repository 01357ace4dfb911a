/// An environment that wraps another and forwards every call to it; subclasses override what they change.
///
/// Contract: a wrapper is itself an `Environment` and obeys the same contract. `inner` is the wrapped
/// environment; `unwrapped` (on every environment) reaches the innermost one. Each layer costs a copy of
/// the `Step` on every step (a few nanoseconds): `make` adds none around environments that enforce the
/// episode contract themselves.
///
/// Capabilities pass through a wrapper where the layer can keep them, and are refused by name where it
/// cannot:
/// - **Saved state** (`Environment.savedState()`): the stack saves when the innermost environment can and
///   every layer says what its own state is (`ownState()`). A layer that does not (a subclass that
///   overrides neither hook) makes the stack refuse, and `Environment.saveStateRefusal` names it.
/// - **Batches** (`VectorEnvironment`): the copies step as one batch when every layer's `batchLayer` has
///   a batched form (none, or a time limit); otherwise `VectorEnvironment.batchRefusal` names the layer.
///
/// ```swift
/// final class ScaleReward: Wrapper {
///     override func step(_ action: Action) throws -> Step {
///         var step = try inner.step(action)
///         step.reward *= 0.1
///         return step
///     }
/// }
/// ```
open class Wrapper: Environment {
    public let inner: Environment

    public init(inner: Environment) { self.inner = inner }

    open var observationSpace: Space { inner.observationSpace }
    open var actionSpace: Space { inner.actionSpace }
    open var metadata: EnvironmentMetadata { inner.metadata }

    open func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        try inner.reset(seed: seed, options: options)
    }

    open func observe() throws -> Observation { try inner.observe() }
    open func step(_ action: Action) throws -> Step { try inner.step(action) }
    open func render() -> String? { inner.render() }
    open func picture() -> Picture? { inner.picture() }

    /// This layer's own state, saved beside the inner environment's so that the whole stack can be put
    /// back (`Environment.savedState()`): an empty snapshot for a layer that keeps nothing between calls.
    /// The default, nil, means the layer has not said what it keeps, and the stack cannot save its state.
    open func ownState() -> EnvironmentSnapshot? { nil }

    /// Puts back what `ownState()` wrote: `own` holds those entries alone, `whole` the stack's snapshot.
    /// Called after the inner environment has been restored.
    /// - Throws: `GymError.invalidArgument` naming an entry that is missing or does not fit.
    open func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {
        throw GymError.invalidArgument("\(type(of: self)) cannot put back its own state: it does not override Wrapper.ownState()")
    }

    /// The prefix of this layer's entries in a saved state (`guard`, `time-limit`, ...); the class name
    /// by default. Layers of the same key below this one number it (`time-limit#2`).
    open var stateKey: String { String(describing: type(of: self)) }

    /// What this layer is to a batch of copies (`VectorEnvironment`): nothing to do, a time limit, or no
    /// batched form at all (the default), when the copies step one by one.
    open var batchLayer: BatchLayer { .refused("\(type(of: self)) has no batched form (Wrapper.batchLayer)") }
}
