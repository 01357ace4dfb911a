/// A wrapper that keeps nothing between calls (it maps actions, observations or rewards as they pass), so
/// that its saved state is empty and the stack saves whenever the inner environment does.
///
/// Contract: a subclass must keep no state that changes what later calls return; the functions handed
/// to `TransformObservation`, `TransformReward` and `TransformAction` are taken to be pure.
///
/// ```swift
/// final class ScaleReward: StatelessWrapper {
///     override func step(_ action: Action) throws -> Step {
///         var step = try inner.step(action)
///         step.reward *= 0.1
///         return step
///     }
/// }
/// ```
open class StatelessWrapper: Wrapper {
    open override func ownState() -> EnvironmentSnapshot? { EnvironmentSnapshot() }
    open override func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {}
}
