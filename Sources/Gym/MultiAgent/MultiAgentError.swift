/// A multi-agent call that names the wrong agents or gives an invalid action; nothing moved.
public enum MultiAgentError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A live agent without an action.
    case missingAction(agent: String, live: [String])
    /// A name that is not one of the environment's possible agents.
    case unknownAgent(agent: String, known: [String])
    /// An action for an agent whose episode already ended.
    case finishedAgent(agent: String)
    /// An action outside the agent's action space.
    case invalidAction(agent: String, action: Action, reason: String, space: Space)

    public var description: String {
        switch self {
        case .missingAction(let agent, let live):
            return "no action for agent '\(agent)'; step takes one action for each live agent (\(live.joined(separator: ", ")))"
        case .unknownAgent(let agent, let known):
            return "unknown agent '\(agent)'; the agents are \(known.joined(separator: ", "))"
        case .finishedAgent(let agent):
            return "agent '\(agent)' is done this episode and takes no more actions"
        case .invalidAction(let agent, let action, let reason, let space):
            return "agent '\(agent)': invalid action \(action): \(reason) (action space \(space))"
        }
    }
}
