/// The result of solving a tabular MDP: optimal state values and a greedy policy.
public struct Solution: Sendable {
    public var gamma: Double
    public var iterations: Int
    /// V*(s) for every state (0 for terminal states).
    public var values: [Double]
    /// Q*(s, a), row-major by state.
    public var actionValues: [Double]
    /// A greedy action for every state (the lowest index among ties; 0 for terminal states).
    public var policy: [Int]
    /// The final Bellman residual max_s |V_{k+1}(s) - V_k(s)|.
    public var residual: Double

    /// The actions whose value is within `tolerance` of the best, for each state (ties at gamma = 1 are common).
    public func bestActions(_ state: Int, actionCount: Int, tolerance: Double = 1e-9) -> [Int] {
        let q = actionValues[(state * actionCount)..<((state + 1) * actionCount)]
        let best = q.max()!
        return q.indices.filter { q[$0] >= best - tolerance }.map { $0 - state * actionCount }
    }
}

/// Errors from the solvers.
public enum SolverError: Error, CustomStringConvertible, Equatable {
    case notConverged(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .notConverged(let m), .invalidArgument(let m): return m
        }
    }
}

/// Bellman backups shared by the solvers.
extension TabularModel {
    /// Q(s, a) = sum over outcomes of p * (r + gamma * V(next)).
    @inline(__always)
    func backup(_ state: Int, _ action: Int, _ values: [Double], gamma: Double) -> Double {
        var q = 0.0
        for k in outcomes(state, action) {
            q += probabilities[k] * (rewards[k] + gamma * values[nextStates[k]])
        }
        return q
    }

    /// All Q values and the greedy policy for `values`.
    func greedy(_ values: [Double], gamma: Double) -> (actionValues: [Double], policy: [Int]) {
        var q = [Double](repeating: 0, count: stateCount * actionCount)
        var policy = [Int](repeating: 0, count: stateCount)
        for s in 0..<stateCount where !terminal[s] {
            var best = -Double.infinity
            for a in 0..<actionCount {
                let value = backup(s, a, values, gamma: gamma)
                q[s * actionCount + a] = value
                if value > best + 1e-12 { best = value; policy[s] = a }
            }
        }
        return (q, policy)
    }
}

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
                var best = -Double.infinity
                for a in 0..<model.actionCount { best = max(best, model.backup(s, a, values, gamma: gamma)) }
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
