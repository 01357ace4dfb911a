import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymMDP
import GymNN
import GymPlanning

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a trained agent: its mean return with a standard error, and the gap to the optimum where the model is known.",
        discussion: """
            For games whose players are all agents, --strategies or a self-play checkpoint gives each player's \
            expected payoff, what a best response would gain, NashConv and the exploitability (NashConv divided by \
            the number of players), computed exactly on the matrix. \

            The agent acts greedily (--stochastic: as in training). For environments with a known model the \
            mean is compared with the exact optimum and with the uniformly random policy, under the discount \
            the agent was trained with (its gamma setting, else the file's discount, else 1): the optimum, \
            the achieved discounted return, the shortfall, and the normalised score \
            (achieved - random) / (optimum - random), 1 for an optimal policy and 0 for a random one. \
            Where the model's states are the observations (a tabular or grid MDP), the agent's policy is also \
            evaluated exactly on the model, without sampling: its expected discounted return from the start and \
            its shortfall, which the mean of the episodes estimates.
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
        let (discount, discountSource) = Evaluate.discount(settings: agent.settings, metadata: env.metadata)
        let (returns, discounted) = try Trainer.evaluate(agent, on: env, episodes: episodes, seed: seedOption.seed,
                                                         mode: stochastic ? .explore : .greedy, discount: discount)
        let record = EvaluationRecord(step: 0, returns: returns)
        let achieved = EvaluationRecord(step: 0, returns: discounted)
        let gap = OptimalityGap(env, discount: discount, achieved: achieved.mean,
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
                object["shortfall"] = .number(gap.shortfall)
                if let random = gap.random { object["random_start_value"] = .number(random) }
                if let score = gap.normalisedScore { object["normalised_score"] = .number(score) }
                if let exact = gap.policyValue, let shortfall = gap.policyShortfall {
                    object["policy_start_value"] = .number(exact)
                    object["policy_shortfall"] = .number(shortfall)
                }
            }
            print(JSONValue.object(object).encoded())
            return
        }
        print(String(format: "%@ on %@, %d episodes acting %@: return %.4f ± %.4f (standard error), std %.4f, min %.4f, max %.4f",
                     agent.name, id, episodes, how, record.mean, record.standardError, record.standardDeviation, returns.min()!, returns.max()!))
        guard let gap else { return }
        let quantity = discount == 1 ? "return" : "discounted return"
        let limit = env.metadata.maxEpisodeSteps.map { ", episodes cut at \($0) steps" } ?? ""
        print("against the known model, discount \(JSONValue.format(discount)) (\(discountSource))\(limit):")
        print(String(format: "  optimal expected %@ from the start %.4f; achieved %.4f ± %.4f; shortfall %.4f",
                     quantity, gap.optimum, achieved.mean, achieved.standardError, gap.shortfall))
        if let random = gap.random, let score = gap.normalisedScore {
            print(String(format: "  the uniformly random policy's %@ %.4f; normalised score %.3f (1 optimal, 0 random)", quantity, random, score))
        }
        if let exact = gap.policyValue, let shortfall = gap.policyShortfall {
            print(String(format: "  this greedy policy's expected %@ from the start, exactly on the model: %.4f; shortfall %.4f",
                         quantity, exact, shortfall))
        }
    }

    /// The discount the agent was trained with: its `gamma` setting, else the environment's, else 1.
    static func discount(settings: [String: String], metadata: EnvironmentMetadata) -> (Double, String) {
        if let text = settings["gamma"], let gamma = Double(text) { return (gamma, "the agent's gamma") }
        if let discount = metadata.discount { return (discount, "the environment's discount") }
        return (1, "no discount declared")
    }
}

/// How far an achieved expected return falls from the exact optimum of a known model, and from the
/// uniformly random policy's, under one discount. With a time limit both are the values of episodes cut
/// at the limit, as the evaluated ones are: a random walk that would wander for 1,000 steps is cut at 100.
struct OptimalityGap {
    let optimum: Double
    let random: Double?
    let achieved: Double
    /// The exact expected return from the start of a deterministic policy given as `policy(state)`'s
    /// action (the one the episodes were played with), when one was given.
    let policyValue: Double?

    /// Nil when value iteration does not converge (an undiscounted model where some policy never ends).
    init?(model: TabularModel, discount: Double, timeLimit: Int?, achieved: Double, policy: ((Int) -> Int)? = nil) {
        let uniform = [Double](repeating: 1 / Double(model.actionCount), count: model.actionCount)
        let chosen = policy.map { choose in
            { (s: Int) -> [Double] in (0..<model.actionCount).map { $0 == choose(s) ? 1 : 0 } }
        }
        if let timeLimit {
            optimum = model.startValue(FiniteHorizon.values(model, gamma: discount, steps: timeLimit))
            random = model.startValue(FiniteHorizon.values(model, gamma: discount, steps: timeLimit) { _ in uniform })
            policyValue = chosen.map { model.startValue(FiniteHorizon.values(model, gamma: discount, steps: timeLimit, policy: $0)) }
        } else {
            guard let optimum = try? model.optimalStartValue(gamma: discount) else { return nil }
            self.optimum = optimum
            random = (try? PolicyEvaluation.values(model, gamma: discount) { _ in uniform }).map(model.startValue)
            policyValue = chosen.flatMap { (try? PolicyEvaluation.values(model, gamma: discount, policy: $0)).map(model.startValue) }
        }
        self.achieved = achieved
    }

    /// The gap for `env`'s known model and time limit; nil when it has no model, or one state. With
    /// `policy` (the action for an observation), also that policy's exact value, where every model state
    /// has an observation: a tabular MDP's, or a `Discrete` observation space's state index.
    init?(_ env: Environment, discount: Double, achieved: Double, policy: ((Observation) -> Action)? = nil) {
        guard let model = (env.unwrapped as? ModelledEnvironment)?.knownModel, model.stateCount > 1 else { return nil }
        var observation: ((Int) -> Observation)?
        if let tabular = env.unwrapped as? TabularEnvironment {
            observation = { tabular.observation(of: $0) }
        } else if case .discrete = env.observationSpace {
            observation = { .discrete($0) }
        }
        var stateAction: ((Int) -> Int)?
        if let policy, let observation {
            stateAction = { s in
                guard !model.terminal[s], case .discrete(let a) = policy(observation(s)) else { return 0 }
                return a
            }
        }
        self.init(model: model, discount: discount, timeLimit: env.metadata.maxEpisodeSteps, achieved: achieved, policy: stateAction)
    }

    var shortfall: Double { optimum - achieved }

    /// How far the given policy's exact value falls from the optimum.
    var policyShortfall: Double? { policyValue.map { optimum - $0 } }

    /// (achieved - random) / (optimum - random), when the optimum beats the random policy.
    var normalisedScore: Double? {
        guard let random, optimum - random > 1e-12 else { return nil }
        return (achieved - random) / (optimum - random)
    }
}
