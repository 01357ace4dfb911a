/// Policy iteration: evaluate the current policy, improve it greedily, until it is stable.
///
/// Evaluation is iterative (in-place sweeps until the residual falls below the same threshold as value
/// iteration, at most `evaluationSweeps` sweeps per round), so that improper policies under gamma = 1
/// (which never reach a terminal state) are improved instead of diverging. The policy changes only
/// where another action is better by more than 1e-12, so it stops cycling between tied actions.
public enum PolicyIteration {
    public static func solve(_ model: TabularModel, gamma: Double, tolerance: Double = 1e-10, evaluationSweeps: Int = 1000,
                             maxRounds: Int = 100_000) throws -> Solution {
        guard gamma >= 0 && gamma <= 1 else { throw SolverError.invalidArgument("gamma must be in [0, 1], got \(gamma)") }
        let threshold = gamma < 1 ? max(tolerance * (1 - gamma) / (2 * max(gamma, 1e-300)), 1e-15) : tolerance
        var values = [Double](repeating: 0, count: model.stateCount)
        var policy = [Int](repeating: 0, count: model.stateCount)
        var rounds = 0
        var residual = Double.infinity
        while true {
            guard rounds < maxRounds else { throw SolverError.notConverged("policy iteration did not converge in \(maxRounds) rounds") }
            rounds += 1
            // Evaluate.
            var sweeps = 0
            repeat {
                residual = 0
                for s in 0..<model.stateCount where !model.terminal[s] {
                    let v = model.backup(s, policy[s], values, gamma: gamma)
                    residual = max(residual, abs(v - values[s]))
                    values[s] = v
                }
                sweeps += 1
            } while residual >= threshold && sweeps < evaluationSweeps
            if !residual.isFinite { throw SolverError.notConverged("policy evaluation diverged; use gamma < 1") }
            // Improve.
            var stable = true
            for s in 0..<model.stateCount where !model.terminal[s] {
                var bestAction = policy[s]
                var best = model.backup(s, policy[s], values, gamma: gamma)
                for a in 0..<model.actionCount {
                    let q = model.backup(s, a, values, gamma: gamma)
                    if q > best + 1e-12 { best = q; bestAction = a }
                }
                if bestAction != policy[s] { policy[s] = bestAction; stable = false }
            }
            if stable && residual < threshold { break }
        }
        let (q, greedyPolicy) = model.greedy(values, gamma: gamma)
        return Solution(gamma: gamma, iterations: rounds, values: values, actionValues: q, policy: greedyPolicy, residual: residual)
    }
}
