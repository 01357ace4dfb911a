import Gym
import GymMDP
import GymPlanning

/// How far a policy's expected return falls from the exact optimum of a known model, and from the
/// uniformly random policy's, under one discount. With a time limit all are the values of episodes cut
/// at the limit, as the evaluated ones are: a random walk that would wander for 1,000 steps is cut at 100.
///
/// The policy's value is exact where the policy could be evaluated on the model (`policyValue`); the
/// shortfall and the normalised score are then of that exact value, and the mean of the sampled episodes,
/// which only estimates it, is reported beside it. Otherwise they are of the sampled mean.
public struct OptimalityGap {
    public let optimum: Double
    public let random: Double?
    /// The mean (discounted) return of the sampled episodes.
    public let sampled: Double
    /// The exact expected return from the start of a deterministic policy given as `policy(state)`'s
    /// action (the one the episodes were played with), when one was given.
    public let policyValue: Double?

    /// Nil when value iteration does not converge (an undiscounted model where some policy never ends).
    public init?(model: TabularModel, discount: Double, timeLimit: Int?, sampled: Double, policy: ((Int) -> Int)? = nil) {
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
        self.sampled = sampled
    }

    /// The gap for `env`'s known model and time limit; nil when it has no model, or one state. With
    /// `policy` (the action for an observation), also that policy's exact value, where every model state
    /// has an observation: a tabular MDP's, or a `Discrete` observation space's state index.
    public init?(_ env: Environment, discount: Double, sampled: Double, policy: ((Observation) -> Action)? = nil) {
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
        self.init(model: model, discount: discount, timeLimit: env.metadata.maxEpisodeSteps, sampled: sampled, policy: stateAction)
    }

    /// Whether `achieved` is the policy's exact value rather than the sampled mean.
    public var isExact: Bool { policyValue != nil }

    /// The policy's expected return: exact where known, else the sampled mean.
    public var achieved: Double { policyValue ?? sampled }

    /// How far `achieved` falls from the optimum.
    public var shortfall: Double { optimum - achieved }

    /// (achieved - random) / (optimum - random), when the optimum beats the random policy.
    public var normalisedScore: Double? { score(of: achieved) }

    /// How far the sampled mean falls from the optimum.
    public var sampledShortfall: Double { optimum - sampled }

    /// The normalised score of the sampled mean.
    public var sampledScore: Double? { score(of: sampled) }

    private func score(of value: Double) -> Double? {
        guard let random, optimum - random > 1e-12 else { return nil }
        return (value - random) / (optimum - random)
    }
}
