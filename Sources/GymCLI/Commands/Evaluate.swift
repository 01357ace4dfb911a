import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymPlanning

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a trained agent's greedy policy: mean, std, min and max return (and the optimum where known).")

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "A checkpoint written by gym train.")
    var checkpoint: String

    @Option(help: "Episodes.")
    var episodes: Int = 20

    @OptionGroup var seedOption: SeedOptions

    @Flag(help: "Act as in training (sample a stochastic policy, explore) instead of greedily.")
    var stochastic = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive") }
    }

    func run() throws {
        let resolved = try environment.resolve()
        let env = try resolved.make()
        let id = resolved.id
        let (agent, _) = try AgentCheckpoint.load(from: checkpoint, environment: env, environmentID: id)
        let returns = try Trainer.evaluate(agent, on: env, episodes: episodes, seed: seedOption.seed, mode: stochastic ? .explore : .greedy)
        let record = EvaluationRecord(step: 0, returns: returns)
        // For a known model, the optimal expected (undiscounted) return from the start distribution.
        var optimum: Double?
        if let model = (env.unwrapped as? ModelledEnvironment)?.knownModel, model.stateCount > 1 {
            optimum = try? model.optimalStartValue(gamma: 1)
        }
        if output.json {
            var object: [String: JSONValue] = [
                "agent": .string(agent.name), "environment": .string(id), "episodes": .number(Double(episodes)), "stochastic": .bool(stochastic),
                "mean": .number(record.mean), "std": .number(record.standardDeviation),
                "min": .number(returns.min()!), "max": .number(returns.max()!),
            ]
            if let optimum { object["optimal_start_value"] = .number(optimum); object["ratio"] = .number(record.mean / optimum) }
            print(JSONValue.object(object).encoded())
        } else {
            print(String(format: "%@ on %@, %d %@ episodes: mean %.4f, std %.4f, min %.4f, max %.4f",
                         agent.name, id, episodes, stochastic ? "stochastic" : "greedy", record.mean, record.standardDeviation, returns.min()!, returns.max()!))
            if let optimum { print(String(format: "optimal expected return from the start (value iteration, gamma 1): %.4f; achieved %.1f%%", optimum, 100 * record.mean / optimum)) }
        }
    }
}
