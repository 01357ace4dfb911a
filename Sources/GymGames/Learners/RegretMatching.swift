/// Regret matching (Hart and Mas-Colell 2000) and regret matching+ (Tammelin 2014).
///
/// The learner sums each action's regret, what it would have earned minus what the policy earned, and
/// plays in proportion to the positive parts (uniformly when none is positive). Regret matching+
/// clips the summed regrets at zero every iteration and weights iteration `t` by `t` in the average,
/// which converges much faster in practice. The average converges to equilibrium in two-player
/// zero-sum games; the current policy does not.
public final class RegretMatching: PlayerLearner {
    /// Clip summed regrets at zero and average linearly (regret matching+).
    public let plus: Bool
    private var regrets: [Double]
    public private(set) var policy: [Double]

    public init(actionCount: Int, plus: Bool) {
        self.plus = plus
        regrets = Array(repeating: 0, count: actionCount)
        policy = Array(repeating: 1 / Double(actionCount), count: actionCount)
    }

    public func start(from policy: [Double]) { self.policy = policy }

    public func update(_ values: [Double]) {
        let earned = expected(values)
        var positive = 0.0
        for a in regrets.indices {
            regrets[a] += values[a] - earned
            if plus && regrets[a] < 0 { regrets[a] = 0 }
            positive += max(0, regrets[a])
        }
        for a in policy.indices { policy[a] = positive > 0 ? max(0, regrets[a]) / positive : 1 / Double(policy.count) }
    }

    public func averageWeight(iteration t: Int) -> Double { plus ? Double(t) : 1 }

    public var state: [Double] { regrets + policy }

    public func restore(state: [Double]) throws {
        try checkLength(state, 2 * regrets.count)
        regrets = Array(state[..<regrets.count])
        policy = Array(state[regrets.count...])
    }
}
