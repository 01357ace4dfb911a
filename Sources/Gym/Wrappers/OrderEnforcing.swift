/// Enforces the call order and the action space, whatever the wrapped environment does: an
/// `EpisodeGuard` without a time limit.
///
/// Contract: `step` before the first `reset` throws `GymError.resetNeeded`; `step` after a step that
/// returned `terminated` or `truncated` throws `GymError.episodeEnded` until `reset`; an action
/// outside `actionSpace` throws `GymError.invalidAction` before reaching the inner environment.
///
/// ```swift
/// let env = try OrderEnforcing(MyEnvironment())
/// try env.step(.discrete(0))   // throws GymError.resetNeeded
/// ```
public typealias OrderEnforcing = EpisodeGuard
