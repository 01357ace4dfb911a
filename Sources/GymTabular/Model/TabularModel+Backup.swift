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

    /// max over actions of Q(s, a): the Bellman optimality backup of value iteration.
    @inline(__always)
    func optimalBackup(_ state: Int, _ values: [Double], gamma: Double) -> Double {
        var best = -Double.infinity
        for a in 0..<actionCount { best = max(best, backup(state, a, values, gamma: gamma)) }
        return best
    }

    /// sum over actions of pi(a | s) Q(s, a), for the action probabilities `policy` of one state.
    @inline(__always)
    func expectedBackup(_ state: Int, policy: [Double], _ values: [Double], gamma: Double) -> Double {
        var v = 0.0
        for a in 0..<actionCount where policy[a] > 0 { v += policy[a] * backup(state, a, values, gamma: gamma) }
        return v
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
