/// An environment that enforces the whole episode contract itself, so that `Registry.make` returns it
/// without wrapping it in an `EpisodeGuard`:
/// - `step` before `reset` throws `GymError.resetNeeded`; `step` after a step that returned
///   `terminated` or `truncated` throws `GymError.episodeEnded`; `observe` before `reset` throws
///   `GymError.resetNeeded`;
/// - an action outside `actionSpace` throws `GymError.invalidAction` with the state unchanged;
/// - with `episodeLimit` set, the step numbered `episodeLimit` after a reset returns
///   `truncated == true` unless it is terminal, exactly as under `TimeLimit`.
///
/// Every layer around an environment costs a copy of the `Step` and two indirect calls on every step,
/// which is a third of the speed of a 30 ns gridworld step; an environment that already checks its
/// call order needs only a counter (`EpisodeClock`) to apply the limit too. The conformance suite
/// checks the declaration: it runs environments as `make` does, and `api.step-before-reset`,
/// `api.step-after-end`, `api.time-limit` and `api.bad-actions` fail for one that does not keep it.
///
/// ```swift
/// final class Coin: SelfEnforcingEnvironment {
///     private var phase = EpisodePhase.needsReset
///     private var clock = EpisodeClock()
///     var episodeLimit: Int? { get { clock.limit } set { clock.limit = newValue } }
///     func step(_ action: Action) throws -> Step {
///         try phase.checkStep("coin-v0")
///         try actionSpace.validate(action)
///         let step = Step(observation: .discrete(0), reward: 1, terminated: false, truncated: clock.tick())
///         phase = .after(step)
///         return step
///     }
///     // ...
/// }
/// ```
public protocol SelfEnforcingEnvironment: Environment {
    /// The time limit the environment applies itself; nil (the default of a new instance) for none.
    /// Once it is set, `metadata.maxEpisodeSteps` reports it.
    var episodeLimit: Int? { get set }
}
