import ArgumentParser
import Foundation
import Gym
import GymJSON
import GymMDP
import GymRuns

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check MDP files without running them; every problem is reported with its file and place.",
        discussion: "Exit code 0 when every file is valid, 2 when any has errors.")

    @Argument(help: "MDP files (.json).")
    var files: [String]

    @OptionGroup var output: OutputOptions

    func run() throws {
        var failed = 0
        for file in files {
            do {
                let mdp = try MDPFile(path: file)
                let definition = try mdp.compile()
                if let makeGame = definition.makeMultiAgentEnvironment {
                    let game = try makeGame()
                    let spaces = try game.possibleAgents.map { ($0, try game.observationSpace($0), try game.actionSpace($0)) }
                    if output.json {
                        print(JSONValue.object([
                            "file": .string(file), "valid": true, "id": .string(mdp.id), "kind": .string(mdp.kind),
                            "agents": .array(spaces.map { .object(["name": .string($0.0), "observation_space": $0.1.json, "action_space": $0.2.json]) }),
                        ]).encoded())
                    } else {
                        print("ok  \(file)  \(mdp.id) (\(mdp.kind), agents " + spaces.map { "\($0.0): observation \($0.1), action \($0.2)" }.joined(separator: "; ") + ")")
                    }
                    continue
                }
                let env = try definition.makeEnvironment()
                if output.json {
                    print(JSONValue.object([
                        "file": .string(file), "valid": true, "id": .string(mdp.id), "kind": .string(mdp.kind),
                        "observation_space": env.observationSpace.json, "action_space": env.actionSpace.json,
                    ]).encoded())
                } else {
                    print("ok  \(file)  \(mdp.id) (\(mdp.kind), observation \(env.observationSpace), action \(env.actionSpace))")
                }
            } catch {
                failed += 1
                if output.json { print(Validate.json(file: file, error: error).encoded()) } else { printError("\(error)") }
            }
        }
        if failed > 0 {
            printError("error: \(failed) of \(files.count) file\(files.count == 1 ? "" : "s") invalid")
            throw ExitCode(2)
        }
    }

    /// An invalid file as JSON: each problem with its JSON path (or line and column) and message.
    static func json(file: String, error: Error) -> JSONValue {
        let errors: [JSONValue]
        switch error {
        case let specification as SpecificationErrors:
            errors = specification.issues.map { issue in
                var object: [String: JSONValue] = ["path": .string(issue.path), "message": .string(issue.message)]
                if let expected = issue.expected { object["expected"] = .string(expected) }
                if let actual = issue.actual { object["actual"] = .string(actual) }
                return .object(object)
            }
        case let syntax as JSONSyntaxError:
            errors = [["line": .number(Double(syntax.line)), "column": .number(Double(syntax.column)), "message": .string(syntax.message)]]
        default:
            errors = [["message": .string("\(error)")]]
        }
        return ["file": .string(file), "valid": false, "errors": .array(errors)]
    }
}
