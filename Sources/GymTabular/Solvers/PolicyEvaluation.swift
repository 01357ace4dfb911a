/// The value of a fixed stochastic policy, by iterative policy evaluation (in-place sweeps).
///
/// Stops when the largest change of a sweep falls below `tolerance`; with `gamma == 1` a policy that
/// may never reach a terminal state has no finite value, and evaluation throws
/// `SolverError.notConverged` after `maxSweeps`.
public enum PolicyEvaluation {
    /// V^pi(s) for every state, where `policy(s)` gives the probability of each action in state `s`.
    public static func values(_ model: TabularModel, gamma: Double, tolerance: Double = 1e-10, maxSweeps: Int = 100_000,
                              policy: (Int) -> [Double]) throws -> [Double] {
        guard gamma >= 0 && gamma <= 1 else { throw SolverError.invalidArgument("gamma must be in [0, 1], got \(gamma)") }
        let probabilities = (0..<model.stateCount).map(policy)
        var values = [Double](repeating: 0, count: model.stateCount)
        for _ in 0..<maxSweeps {
            var residual = 0.0
            for s in 0..<model.stateCount where !model.terminal[s] {
                let v = model.expectedBackup(s, policy: probabilities[s], values, gamma: gamma)
                residual = max(residual, abs(v - values[s]))
                values[s] = v
            }
            if !residual.isFinite { break }
            if residual < tolerance { return values }
        }
        throw SolverError.notConverged("policy evaluation did not converge in \(maxSweeps) sweeps; with gamma = 1 the policy may never end")
    }

}
