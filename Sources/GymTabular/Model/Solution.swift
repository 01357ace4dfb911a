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
