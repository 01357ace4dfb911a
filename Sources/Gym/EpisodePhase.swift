/// Where an environment is in the call order, for implementations that enforce it (every shipped
/// environment does, so that stepping out of order throws instead of corrupting state).
public enum EpisodePhase: Sendable, Equatable {
    case needsReset
    case running
    case ended

    /// Throws `GymError.resetNeeded` or `GymError.episodeEnded` unless a step is allowed now.
    /// `name` identifies the environment in the message.
    @inline(__always)
    public func checkStep(_ name: @autoclosure () -> String) throws {
        switch self {
        case .running: return
        case .needsReset: throw GymError.resetNeeded("\(name()): step() called before reset()")
        case .ended: throw GymError.episodeEnded("\(name()): step() called after the episode ended; call reset() first")
        }
    }

    /// Throws `GymError.resetNeeded` before the first reset.
    public func checkObserve(_ name: @autoclosure () -> String) throws {
        if self == .needsReset { throw GymError.resetNeeded("\(name()): observe() called before reset()") }
    }

    /// The phase after a step that returned these flags.
    public static func after(_ step: Step) -> EpisodePhase { step.isLast ? .ended : .running }
}
