/// Values of episodes cut after a fixed number of steps, as a time limit cuts them: `steps` Bellman
/// backups from zero, each reading the previous sweep's values (so that value `k` is exactly the
/// expected return of the best `k`-step play, or of `policy`'s).
///
/// A stationary policy can do no better than the optimal `steps`-step value, which is the honest
/// optimum to compare an agent with when `Registry.make` truncates its episodes.
public enum FiniteHorizon {
    /// V_steps(s) for every state: optimal when `policy` is nil, else under `policy(s)`'s action probabilities.
    public static func values(_ model: TabularModel, gamma: Double, steps: Int, policy: ((Int) -> [Double])? = nil) -> [Double] {
        let probabilities = policy.map { p in (0..<model.stateCount).map(p) }
        var values = [Double](repeating: 0, count: model.stateCount)
        var next = values
        for _ in 0..<max(steps, 0) {
            for s in 0..<model.stateCount where !model.terminal[s] {
                next[s] = probabilities.map { model.expectedBackup(s, policy: $0[s], values, gamma: gamma) }
                    ?? model.optimalBackup(s, values, gamma: gamma)
            }
            swap(&values, &next)
        }
        return values
    }
}
