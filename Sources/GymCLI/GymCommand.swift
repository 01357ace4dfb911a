import ArgumentParser
import Foundation
import Gym
import GymMDP
import GymAgents
import GymPlugins

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
        subcommands: [List.self, Inspect.self, Rollout.self, Play.self, Solve.self, Convert.self, Validate.self, Check.self, Train.self, Evaluate.self, Act.self, Compare.self, Sweep.self, Agents.self, Bench.self, PluginHostCommand.self]
    )

    static func main() {
        Environments.registerLoaders()
        Plugins.registerLoader()
        do {
            var command = try parseAsRoot()
            try command.run()
            // What isolated plugins could not report to a call (a destroy that crashed), once, at the end.
            for failure in Set(Plugins.takeUnreportedFailures()).sorted() { printError("warning: \(failure)") }
        } catch {
            // Help, version and the exit codes commands choose (1: a check failed) pass through as they are.
            if error is ExitCode || exitCode(for: error) == .success { exit(withError: error) }
            printError(ErrorMessage.text(for: error, command: GymCommand.self))
            exit(withError: ExitCode(2))
        }
    }
}
