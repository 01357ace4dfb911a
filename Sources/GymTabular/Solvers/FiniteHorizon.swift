/// Values of episodes cut after a fixed number of steps, as a time limit cuts them: `steps` Bellman
/// backups from zero, each reading the previous sweep's values (so that value `k` is exactly the
/// expected return of the best `k`-step play, or of `policy`'s). The backups stop early once a sweep
/// changes no value by more than 1e-13 of the largest: the values have converged, and later sweeps
/// would not move them.
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
            var change = 0.0, size = 0.0
            for s in 0..<model.stateCount where !model.terminal[s] {
                next[s] = probabilities.map { model.expectedBackup(s, policy: $0[s], values, gamma: gamma) }
                    ?? model.optimalBackup(s, values, gamma: gamma)
                change = max(change, abs(next[s] - values[s]))
                size = max(size, abs(next[s]))
            }
            swap(&values, &next)
            // Converged: the backups that remain move no value further (a time limit of 10^9 steps on a
            // discounted or absorbing model costs as much as value iteration, not 10^9 sweeps).
            if change <= 1e-13 * max(1, size) { break }
        }
        return values
    }
}
