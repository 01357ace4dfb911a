/// An environment that wraps another and forwards every call to it; subclasses override what they change.
///
/// Contract: a wrapper is itself an `Environment` and obeys the same contract. `inner` is the wrapped
/// environment; `unwrapped` (on every environment) reaches the innermost one. Each layer costs a copy of
/// the `Step` on every step (a few nanoseconds): `make` adds none around environments that enforce the
/// episode contract themselves.
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
}
