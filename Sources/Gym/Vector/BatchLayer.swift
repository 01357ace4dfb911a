/// What a wrapper's layer is to a batch of copies of the environment it wraps (`Wrapper.batchLayer`):
/// how `VectorEnvironment` keeps the batched path through a stack of wrappers.
///
/// ```swift
/// let vector = try VectorEnvironment(count: 64) { try TimeLimit(CartPole(), maxEpisodeSteps: 200) }
/// vector.isBatched       // true: TimeLimit is the batch's episode limit
/// vector.batchRefusal    // nil
/// ```
public enum BatchLayer: Equatable, Sendable {
    /// Nothing a batch must do: the vector itself does what the layer does (the call order and the
    /// action checks of `EpisodeGuard`).
    case transparent
    /// Episodes end after this many steps: the batch's episode limit (the smallest of the stack's).
    case timeLimit(Int)
    /// The layer has no batched form, for the reason given: the vector steps its copies one by one.
    case refused(String)
}
