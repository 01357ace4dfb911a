/// Value iteration (Bellman optimality backups, updated in place, Gauss–Seidel order).
///
/// Stops when the Bellman residual `max |V_{k+1} - V_k|` falls below `tolerance * (1 - gamma) / (2 * gamma)`
/// for gamma < 1, which bounds the error of V by `tolerance / 2` and makes the greedy policy
/// `tolerance`-optimal; for gamma = 1 (episodic MDPs whose optimal policies reach a terminal state)
/// when the residual falls below `tolerance`.
public enum ValueIteration {
    public static func solve(_ model: TabularModel, gamma: Double, tolerance: Double = 1e-10, maxIterations: Int = 1_000_000) throws -> Solution {
        guard gamma >= 0 && gamma <= 1 else { throw SolverError.invalidArgument("gamma must be in [0, 1], got \(gamma)") }
        let threshold = gamma < 1 ? max(tolerance * (1 - gamma) / (2 * max(gamma, 1e-300)), 1e-15) : tolerance
        var values = [Double](repeating: 0, count: model.stateCount)
        var iterations = 0
        var residual = Double.infinity
        while residual >= threshold {
            guard iterations < maxIterations else {
                throw SolverError.notConverged("value iteration did not converge in \(maxIterations) iterations (residual \(residual)); "
                    + (gamma == 1 ? "with gamma = 1 some policy may never end; try --gamma 0.99" : "raise the iteration limit"))
            }
            residual = 0
            for s in 0..<model.stateCount where !model.terminal[s] {
                let best = model.optimalBackup(s, values, gamma: gamma)
                residual = max(residual, abs(best - values[s]))
                values[s] = best
            }
            iterations += 1
            if !residual.isFinite {
                throw SolverError.notConverged("value iteration diverged (values grew without bound); use gamma < 1")
            }
        }
        let (q, policy) = model.greedy(values, gamma: gamma)
        return Solution(gamma: gamma, iterations: iterations, values: values, actionValues: q, policy: policy, residual: residual)
    }
}
