import ArgumentParser
import Foundation
import Gym
import GymMDP

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check MDP files without running them; every problem is reported with its file and place.",
        discussion: "Exit code 0 when every file is valid, 2 when any has errors.")

    @Argument(help: "MDP files (.json).")
    var files: [String]

    func run() throws {
        var failed = 0
        for file in files {
            do {
                let mdp = try MDPFile(path: file)
                let definition = try mdp.compile()
                let env = try definition.makeEnvironment()
                print("ok  \(file)  \(mdp.id) (\(mdp.kind), observation \(env.observationSpace), action \(env.actionSpace))")
            } catch {
                failed += 1
                printError("\(error)")
            }
        }
        if failed > 0 {
            throw ValidationFailed(message: "\(failed) of \(files.count) file\(files.count == 1 ? "" : "s") invalid")
        }
    }
}

/// Input errors already reported (exit code 2).
struct ValidationFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
