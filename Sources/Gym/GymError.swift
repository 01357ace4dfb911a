/// The errors of the environment protocol, the wrappers and the registry. Each case carries a message
/// written for the person who made the call: it names the value, the space or the argument, and what
/// was expected. Errors of the file formats, plugins, solvers and agents belong to their modules
/// (`SpecificationErrors` and `JSONSyntaxError`, `PluginError`, `SolverError`, `AgentError`).
public enum GymError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An action that is not an element of the action space (out of range, wrong shape, NaN or infinite).
    case invalidAction(String)
    /// `step` or `observe` called before the first `reset`.
    case resetNeeded(String)
    /// `step` called after the episode ended (terminated or truncated) without a `reset` in between.
    case episodeEnded(String)
    /// An environment id that is not registered; `suggestions` holds close ids, best first.
    case unknownEnvironment(id: String, suggestions: [String])
    /// A malformed argument: an id, an override, reset options, a constructor parameter.
    case invalidArgument(String)
    /// A file given as an environment that its loader read without finding an environment in it.
    case noEnvironment(file: String)

    public var description: String {
        switch self {
        case .invalidAction(let m), .resetNeeded(let m), .episodeEnded(let m),
             .invalidArgument(let m):
            return m
        case .noEnvironment(let file):
            return "\(file): defines no environment"
        case .unknownEnvironment(let id, let suggestions):
            var message = "unknown environment id '\(id)'"
            if !suggestions.isEmpty {
                message += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            return message + " (`gym list` shows every registered id)"
        }
    }
}
