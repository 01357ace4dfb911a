import Gym

/// An evaluation of the greedy policy on a separately seeded environment copy.
public struct EvaluationRecord {
    public var step: Int
    public var returns: [Double]
    public init(step: Int, returns: [Double]) {
        self.step = step
        self.returns = returns
    }
    public var mean: Double { returns.reduce(0, +) / Double(max(returns.count, 1)) }
    public var standardDeviation: Double {
        let m = mean
        return (returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(returns.count, 1))).squareRoot()
    }
    /// The standard error of the mean, `standardDeviation / sqrt(n - 1)` (the sample standard deviation
    /// over sqrt(n)); 0 for fewer than two returns.
    public var standardError: Double {
        returns.count < 2 ? 0 : standardDeviation / Double(returns.count - 1).squareRoot()
    }
}

/// Evaluation: whole episodes of an agent's policy on one environment, apart from training.
extension Trainer {
    /// The returns of `episodes` episodes, the first reset with `seed`, acting greedily (or, with
    /// `mode: .explore`, as the agent does in training: sampling a stochastic policy).
    /// Episodes longer than 100,000 steps are cut there (for environments without a time limit).
    public static func evaluate(_ agent: Agent, on env: Environment, episodes: Int, seed: UInt64, mode: ActMode = .greedy) throws -> [Double] {
        try evaluate(agent, on: env, episodes: episodes, seed: seed, mode: mode, discount: 1).returns
    }

    /// The same episodes as `evaluate`, with each one's return and its discounted return
    /// `r_0 + discount * r_1 + discount^2 * r_2 + ...`, the quantity an agent trained with that discount maximises.
    public static func evaluate(_ agent: Agent, on env: Environment, episodes: Int, seed: UInt64, mode: ActMode = .greedy,
                                discount: Double) throws -> (returns: [Double], discounted: [Double]) {
        var returns: [Double] = [], discounted: [Double] = []
        for e in 0..<episodes {
            var (observation, _) = try env.reset(seed: e == 0 ? seed : nil, options: .none)
            var total = 0.0, discountedTotal = 0.0, weight = 1.0
            for _ in 0..<100_000 {
                let step = try env.step(agent.act(observation, mode: mode))
                total += step.reward
                discountedTotal += weight * step.reward
                weight *= discount
                if step.isLast { break }
                observation = step.observation
            }
            returns.append(total)
            discounted.append(discountedTotal)
        }
        return (returns, discounted)
    }

    /// The seed of the evaluation after `done` earlier ones: apart from training's and from each other's.
    static func evaluationSeed(_ seed: UInt64, after done: Int) -> UInt64 { seed &+ 1_000_003 &* UInt64(done + 1) }
}
