import ArgumentParser
import Gym
import GymAgents
import GymGames
import GymJSON
import GymMDP
import GymNN
import GymTabular
import GymPlugins

/// How `gym` writes an error for the person at the terminal, for every error it can meet. Each library
/// error is a structured value that renders itself (`description`, naming the file, the JSON path, the
/// value and what was expected); this is where the command line decides how they are shown.
enum ErrorMessage {
    /// The errors of SwiftGym's modules and of this command: shown as `error: <description>`.
    static func isSwiftGymError(_ error: Error) -> Bool {
        switch error {
        case is GymError, is JSONSyntaxError, is JSONFileError, is SpecificationErrors, is DynamicsEvaluationError,
             is SolverError, is AgentError, is CheckpointError, is PluginError, is AssignmentError,
             is GameError, is MultiAgentError, is MultiAgentGameError:
            return true
        default:
            return false
        }
    }

    /// The text to print for `error`, which `command` could not recover from: swift-argument-parser
    /// words its own errors (usage, help); everything else is one `error:` line.
    static func text(for error: Error, command: ParsableCommand.Type) -> String {
        isSwiftGymError(error) ? "error: \(error)" : command.fullMessage(for: error)
    }
}
