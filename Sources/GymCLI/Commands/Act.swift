import ArgumentParser
import Gym
import GymAgents
import GymMDP
import GymNN

struct Act: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a trained agent's greedy action for an observation (and the action probabilities of stochastic policies).")

    @Option(help: "A checkpoint written by gym train.")
    var checkpoint: String

    @Option(help: "The observation as JSON: an index, or an array.")
    var observation: String

    @Option(help: "The environment (default: the one recorded in the checkpoint).")
    var environment: String?

    func run() throws {
        guard let recorded = try Checkpoint.read(from: checkpoint).metadata["environment"] else {
            throw GymError.invalidArgument("\(checkpoint) records no environment; pass --environment")
        }
        let env = try Registry.shared.make(environment ?? recorded)
        let (agent, _) = try AgentCheckpoint.load(from: checkpoint, environment: env, environmentID: env.metadata.id ?? recorded)
        let value = try parseJSONArgument(observation, option: "--observation")
        let obs: Observation
        switch env.observationSpace {
        case .discrete: guard let i = value.intValue else { throw GymError.invalidArgument("--observation must be an integer for \(env.observationSpace)") }; obs = .discrete(i)
        case .box: obs = .vector((value.arrayValue ?? [value]).compactMap { $0.doubleValue.map(Float.init) })
        case .multiDiscrete, .multiBinary: obs = .integers((value.arrayValue ?? []).compactMap(\.intValue))
        }
        guard env.observationSpace.contains(obs) else { throw GymError.invalidArgument("--observation \(value) is not in \(env.observationSpace)") }
        let action = agent.act(obs, mode: .greedy)
        let names = env.metadata.actionNames
        print("action \(action)" + (action.index.flatMap { i in names.map { " (\($0[i]))" } } ?? ""))
        if let p = agent.actionProbabilities(obs) {
            print("probabilities " + p.enumerated().map { i, x in "\(names?[i] ?? String(i))=\(String(format: "%.4f", x))" }.joined(separator: " "))
        }
    }
}
