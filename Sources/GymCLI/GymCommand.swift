import ArgumentParser
import Foundation
import Gym
import GymMDP
import GymAgents
import GymNN
import GymPlugins
import GymJSON
import GymPlanning

/// The `gym` command. Exit codes: 0 success, 1 a check failed, 2 a usage or input error.
@main
struct GymCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gym",
        abstract: "Reinforcement-learning environments as data: list, inspect, run and play them.",
        discussion: """
            Environments are named by id (`gym list` shows them) or by a path to a JSON MDP file. \
            Shipped environments live in Environments/; more are found in the directories on GYM_PATH.
            Exit codes: 0 success, 1 a check failed, 2 a usage or input error.
            """,
        subcommands: [List.self, Inspect.self, Rollout.self, Play.self, Solve.self, Validate.self, Check.self, Train.self, Evaluate.self, Act.self, Compare.self, Bench.self]
    )

    static func main() {
        Environments.registerLoaders()
        Plugins.registerLoader()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CheckFailed {
            if !failure.message.isEmpty { FileHandle.standardError.write(Data((failure.message + "\n").utf8)) }
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is CleanExit {
                exit(withError: error)
            }
            let message = error is GymError || error is JSONSyntaxError || error is SpecificationErrors || error is SolverError || error is ValidationFailed || error is AgentError || error is CheckpointError
                ? "error: \(error)" : fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(2)
        }
    }
}

/// Thrown by commands whose check failed (exit code 1), after they printed their report.
struct CheckFailed: Error {
    var message = ""
}
