import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymNN
import GymRuns

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a trained agent: its mean return with a standard error, and the gap to the optimum where the model is known.",
        discussion: """
            For games whose players are all agents, --strategies or a self-play checkpoint gives each player's \
            expected payoff, what a best response would gain, NashConv and the exploitability (NashConv divided by \
            the number of players), computed exactly on the matrix. \

            The agent acts greedily (--stochastic: as in training). For environments with a known model its \
            expected return is compared with the exact optimum and with the uniformly random policy, under the \
            discount the agent was trained with (its gamma setting, else the file's discount, else 1): the \
            optimum, the achieved discounted return, the shortfall, and the normalised score \
            (achieved - random) / (optimum - random), 1 for an optimal policy and 0 for a random one. \
            Where the model's states are the observations (a tabular or grid MDP), the agent's greedy policy is \
            evaluated exactly on the model, without sampling, and the headline, the shortfall and the score are \
            of that exact value; the mean of the episodes, which only estimates it, is printed beside it as \
            sampled. Otherwise they are of the sampled mean.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "A checkpoint written by gym train.")
    var checkpoint: String?

    @Option(help: ArgumentHelp("Games: a strategy profile to evaluate, as JSON: {\"row\": [0.25, 0.5, 0.25], \"column\": [...]}.", valueName: "json"))
    var strategies: String?

    @Option(help: "Episodes.")
    var episodes: Int = 20

    @OptionGroup var seedOption: SeedOptions

    @Flag(help: "Act as in training (sample a stochastic policy, explore) instead of greedily.")
    var stochastic = false

    @OptionGroup var detail: DetailOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard episodes > 0 else { throw ValidationError("--episodes must be positive") }
        guard (checkpoint == nil) != (strategies == nil) else { throw ValidationError("give --checkpoint PATH, or --strategies JSON for a game (one of them)") }
    }

    func run() throws {
        // The environment is resolved once, after the plugin options are applied (a plugin may need isolating).
        guard let checkpoint else {
            let resolved = try environment.resolve()
            guard resolved.isGame else {
                throw GymError.invalidArgument("--strategies is for games whose players are all agents; \(environment.environment) is not one")
            }
            return try evaluateGame(resolved)
        }
        let resolved = try environment.resolve(orFileOf: try Checkpoint.read(from: checkpoint))
        if resolved.isGame { return try evaluateGame(resolved) }
        let env = try resolved.make()
        let id = resolved.id
        let (agent, _) = try AgentCheckpoint.load(from: checkpoint, environment: env, environmentID: id, actingSeed: seedOption.agentSeed)
        let (discount, discountSource) = TrainingDiscount.of(settings: agent.settings, metadata: env.metadata)
        let (returns, discounted) = try Trainer.evaluate(agent, on: env, episodes: episodes, seed: seedOption.seed,
                                                         mode: stochastic ? .explore : .greedy, discount: discount)
        let record = EvaluationRecord(step: 0, returns: returns)
        let achieved = EvaluationRecord(step: 0, returns: discounted)
        let gap = OptimalityGap(env, discount: discount, sampled: achieved.mean,
                                policy: stochastic || !agent.hasGreedyPolicy ? nil : { agent.act($0, mode: .greedy) })
        let how = !agent.hasGreedyPolicy ? "random" : stochastic ? "stochastic" : "greedy"
        if output.json {
            var object: [String: JSONValue] = [
                "agent": .string(agent.name), "environment": .string(id), "episodes": .number(Double(episodes)), "stochastic": .bool(stochastic),
                "acting": .string(how), "mean": .number(record.mean), "std": .number(record.standardDeviation),
                "standard_error": .number(record.standardError), "min": .number(returns.min()!), "max": .number(returns.max()!),
                "discount": .number(discount), "discount_source": .string(discountSource),
                "discounted_mean": .number(achieved.mean), "discounted_standard_error": .number(achieved.standardError),
            ]
            if let gap {
                object["time_limit"] = env.metadata.maxEpisodeSteps.map { .number(Double($0)) } ?? .null
                object["optimal_start_value"] = .number(gap.optimum)
                object["score_from"] = .string(gap.isExact ? "policy_start_value" : "discounted_mean")
                object["shortfall"] = .number(gap.shortfall)
                object["sampled_shortfall"] = .number(gap.sampledShortfall)
                if let random = gap.random { object["random_start_value"] = .number(random) }
                if let score = gap.normalisedScore { object["normalised_score"] = .number(score) }
                if let score = gap.sampledScore { object["sampled_normalised_score"] = .number(score) }
                if let exact = gap.policyValue {
                    object["policy_start_value"] = .number(exact)
                    object["policy_shortfall"] = .number(gap.shortfall)
                }
            }
            print(JSONValue.object(object).encoded())
            return
        }
        let sampledLine = String(format: "%d episodes acting %@: return %.4f ± %.4f (standard error), std %.4f, min %.4f, max %.4f",
                                 episodes, how, record.mean, record.standardError, record.standardDeviation, returns.min()!, returns.max()!)
        let quantity = discount == 1 ? "return" : "discounted return"
        // The headline: the exact value where the policy was evaluated on the model, else the sampled episodes.
        if let gap, let exact = gap.policyValue {
            print(String(format: "%@ on %@, acting %@: expected %@ from the start %.4f, exactly on the model", agent.name, id, how, quantity, exact)
                  + (gap.normalisedScore.map { String(format: "; normalised score %.3f", $0) } ?? ""))
            print("sampled, " + sampledLine)
        } else {
            print("\(agent.name) on \(id), " + sampledLine)
        }
        guard let gap else { return }
        let limit = env.metadata.maxEpisodeSteps.map { ", episodes cut at \($0) steps" } ?? ""
        print("against the known model, discount \(JSONValue.format(discount)) (\(discountSource))\(limit):")
        print(String(format: "  optimal expected %@ from the start %.4f", quantity, gap.optimum))
        let sampledScore = gap.isExact ? gap.sampledScore.map { String(format: ", normalised score %.3f", $0) } ?? "" : ""
        if let exact = gap.policyValue {
            print(String(format: "  this %@ policy's expected %@ from the start, exactly on the model: %.4f; shortfall %.4f", how, quantity, exact, gap.shortfall))
        }
        if let random = gap.random, let score = gap.normalisedScore {
            print(String(format: "  the uniformly random policy's %@ %.4f; normalised score %.3f (1 optimal, 0 random), of the %@",
                         quantity, random, score, gap.isExact ? "exact value" : "sampled mean"))
        }
        print(String(format: "  sampled: achieved %.4f ± %.4f over %d episodes; shortfall %.4f", achieved.mean, achieved.standardError, episodes, gap.sampledShortfall)
              + sampledScore)
    }
}
