import ArgumentParser
import Foundation
import Gym
import GymJSON

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play an environment from the terminal: type an action (name, index or JSON array) per step.",
        discussion: """
            A word that is an action's name means that action, even when it is a number too (with actions \
            named -5 to 5, 5 is the action named 5); any other integer is the action itself. Commands: \
            `reset` starts a new episode, `help` lists the actions, `quit` (or end of input) leaves.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @OptionGroup var seedOption: SeedOptions

    func run() throws {
        let resolved = try environment.resolve()
        let env = try resolved.make()
        let seed = seedOption.seed
        let names = env.metadata.actionNames
        func show(_ observation: Observation) {
            if let picture = env.render() { print(picture) }
            print("observation \(observation)")
        }
        func helpText() -> String {
            if let names { return "actions (a name wins over an index): " + names.enumerated().map { "\($0)=\($1)" }.joined(separator: " ") }
            return "actions: elements of \(env.actionSpace), e.g. \(env.actionSpace.sampleAction(using: &helpRNG))"
        }
        var helpRNG = RandomSource(seed: seed)
        var (observation, _) = try env.reset(seed: seed, options: .none)
        var total = 0.0
        print("\(resolved.id): \(helpText()); reset, help, quit")
        show(observation)
        while true {
            print("> ", terminator: "")
            fflush(stdout)
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces) else { break }
            switch line {
            case "": continue
            case "quit", "q", "exit": return
            case "help", "?": print(helpText()); continue
            case "reset":
                (observation, _) = try env.reset(seed: nil, options: .none)
                total = 0
                show(observation)
                continue
            default: break
            }
            do {
                let action = line.hasPrefix("[") ? try env.actionSpace.action(fromJSON: try parseJSONArgument(line, option: "action"), names: names)
                    : try env.actionSpace.action(fromText: line, names: names)
                let step = try env.step(action)
                total += step.reward
                show(step.observation)
                print("reward \(JSONValue.format(step.reward))  return \(formatReturn(total))")
                if step.isLast {
                    print(step.terminated ? "episode terminated; starting a new one" : "episode truncated; starting a new one")
                    (observation, _) = try env.reset(seed: nil, options: .none)
                    total = 0
                    show(observation)
                }
            } catch let error as GymError {
                print("error: \(error)")  // a mistyped or invalid action: say so and read the next one
            } catch let error as JSONSyntaxError {
                print("error: \(error)")
            }
        }
    }
}
