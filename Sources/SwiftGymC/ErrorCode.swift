import Gym
import GymGames
import GymJSON
import GymMDP
import GymPlugins
import GymRaster

/// The class of a failed C call, beside its message (`sg_last_error_code`): the values of swiftgym.h's
/// `SG_ERROR_*` constants. This is the one place where a structured Swift error gets its code, so that
/// callers branch on the code, never on the words of a message.
enum ErrorCode: Int32, CaseIterable {
    /// No call has failed on this thread.
    case none = 0
    /// An environment or game id that is not registered (the message suggests close ids).
    case unknownID = 1
    /// A malformed argument: parameters, reset options, an autoreset mode, a copy index, a buffer size,
    /// a single-agent id given as a game or the reverse, a path with no loader or no file.
    case invalidArgument = 2
    /// An action outside the action space (or, for a game, a missing, unknown or finished agent's); nothing moved.
    case invalidAction = 3
    /// A step before the first reset, or after the episode ended without a reset (outside next-step mode).
    case resetNeeded = 4
    /// A file that cannot be read or is not a valid environment: JSON syntax, the specification's
    /// problems, a Gambit file, a file that defines nothing.
    case invalidFile = 5
    /// A plugin library that cannot be loaded, or that failed, crashed or hung in a call.
    case plugin = 6
    /// The environment failed while running: its dynamics produced a value it cannot return, or its
    /// picture could not be drawn.
    case environment = 7
    /// Any other failure; the message says what.
    case other = 8

    init(of error: Error) {
        switch error {
        case let error as GymError: self.init(error)
        case is BatchActionError, is MultiAgentError: self = .invalidAction
        case is JSONSyntaxError, is JSONFileError, is SpecificationErrors, is GameError: self = .invalidFile
        case is MultiAgentGameError: self = .invalidArgument
        case is PluginError: self = .plugin
        case is DynamicsEvaluationError, is RasterError: self = .environment
        default: self = .other
        }
    }

    private init(_ error: GymError) {
        switch error {
        case .unknownEnvironment: self = .unknownID
        case .invalidArgument: self = .invalidArgument
        case .invalidAction: self = .invalidAction
        case .resetNeeded, .episodeEnded: self = .resetNeeded
        case .noEnvironment: self = .invalidFile
        }
    }
}
