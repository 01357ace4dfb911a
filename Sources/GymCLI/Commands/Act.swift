import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymNN

struct Act: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a trained agent's greedy action for an observation (and the action probabilities of stochastic policies).")

    @Option(help: "A checkpoint written by gym train.")
    var checkpoint: String

    @Option(parsing: .unconditional, help: "The observation as JSON: an index, or an array ('[0, -0.5]'; -0.5 works too).")
    var observation: String

    @Option(help: "The environment (default: the one recorded in the checkpoint).")
    var environment: String?

    @OptionGroup var plugins: PluginOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        try plugins.load()
        let saved = try Checkpoint.read(from: checkpoint)
        guard let recorded = saved.metadata["environment"] else {
            throw GymError.invalidArgument("\(checkpoint) records no environment; pass --environment")
        }
        let spec = try specOrRecordedFile(environment ?? recorded, checkpoint: saved)
        let env = try Registry.shared.make(spec)
        let (agent, _) = try AgentCheckpoint.load(from: checkpoint, environment: env, environmentID: spec.id)
        let obs = try parseObservation(try parseJSONArgument(observation, option: "--observation"), space: env.observationSpace)
        let action = agent.act(obs, mode: .greedy)
        let names = env.metadata.actionNames
        let name = env.actionSpace.name(of: action, names: names)
        let probabilities = agent.actionProbabilities(obs), values = agent.actionValues(obs)
        if output.json {
            var object: [String: JSONValue] = ["observation": obs.json, "action": action.json]
            if let name { object["action_name"] = .string(name) }
            if let probabilities { object["probabilities"] = .array(probabilities.map { .number($0) }) }
            if let values { object["action_values"] = .array(values.map { .number($0) }) }
            print(JSONValue.object(object).encoded())
            return
        }
        print("action \(action)" + (name.map { " (\($0))" } ?? ""))
        // Probabilities and values are in the order of the action space, from its `start`.
        let start: Int = { if case .discrete(let d) = env.actionSpace { return d.start } else { return 0 } }()
        func labelled(_ numbers: [Double]) -> String {
            numbers.enumerated().map { k, x in
                let label = env.actionSpace.name(of: .discrete(start + k), names: names) ?? String(start + k)
                return "\(label)=\(String(format: "%.4f", x))"
            }.joined(separator: " ")
        }
        if let probabilities { print("probabilities " + labelled(probabilities)) }
        if let values { print("action values " + labelled(values)) }
    }

    /// The observation of `space` written as JSON, exactly: every number must be one the space can hold.
    private func parseObservation(_ value: JSONValue, space: Space) throws -> Observation {
        let items = value.arrayValue ?? [value]
        let observation: Observation
        switch space {
        case .discrete:
            guard let i = value.intValue else { throw GymError.invalidArgument("--observation must be an integer for \(space), got \(value)") }
            observation = .discrete(i)
        case .box:
            let numbers = items.compactMap(\.doubleValue)
            guard numbers.count == items.count else { throw GymError.invalidArgument("--observation must be numbers for \(space), got \(value)") }
            observation = .vector(numbers.map(Float.init))
        case .multiDiscrete, .multiBinary:
            let integers = items.compactMap(\.intValue)
            guard value.arrayValue != nil, integers.count == items.count else {
                throw GymError.invalidArgument("--observation must be an array of integers for \(space), got \(value)")
            }
            observation = .integers(integers)
        }
        guard space.contains(observation) else { throw GymError.invalidArgument("--observation \(value) is not in \(space)") }
        return observation
    }
}
