/// Fictitious play (Brown 1951, Robinson 1951): best respond to the others' empirical play so far.
///
/// Because action values are linear in the others' strategies, best responding to their average is
/// the same as taking the action with the largest summed value. Ties go to the lowest index, and the
/// first policy is the first action (the starting counts of the classic description). The current
/// policy is pure; the average converges in two-player zero-sum games and cycles in Shapley's game.
public final class FictitiousPlay: PlayerLearner {
    /// The summed action values of every iteration so far.
    private var totals: [Double]
    public private(set) var policy: [Double]

    public init(actionCount: Int) {
        totals = Array(repeating: 0, count: actionCount)
        policy = Array(repeating: 0, count: actionCount)
        policy[0] = 1
    }

    public func start(from policy: [Double]) { self.policy = policy }

    public func update(_ values: [Double]) {
        var best = 0
        for a in values.indices {
            totals[a] += values[a]
            if totals[a] > totals[best] { best = a }
        }
        for a in policy.indices { policy[a] = a == best ? 1 : 0 }
    }

    public var state: [Double] { totals + policy }

    public func restore(state: [Double]) throws {
        try checkLength(state, 2 * totals.count)
        totals = Array(state[..<totals.count])
        policy = Array(state[totals.count...])
    }
}
