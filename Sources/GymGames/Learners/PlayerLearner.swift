/// One player's learning rule in a repeated normal-form game.
///
/// Each iteration the player plays ``policy`` (its *current* policy), then learns from `values`:
/// what each of its own actions would have earned against what the others played this iteration
/// (their current policies when learning on the exact matrix, their sampled actions when learning
/// from played rounds). ``GameLearning`` keeps the time average of the current policies, which is the
/// policy whose exploitability no-regret theory bounds.
///
/// Contract: `policy` is always a probability distribution over the player's actions; `state` and
/// `restore(state:)` round-trip everything `update` depends on, so a restored learner continues
/// bit for bit.
public protocol PlayerLearner: AnyObject {
    /// The current policy.
    var policy: [Double] { get }
    /// Replaces the first policy (before any update): fictitious play and regret matching play it in
    /// the first round, Hedge also uses it as its prior.
    func start(from policy: [Double])
    /// Learns from one iteration's action values; the policy changes for the next iteration.
    func update(_ values: [Double])
    /// The weight the current policy gets in the average at iteration `t` (1-based): 1 for a plain
    /// average, `t` for a linear one.
    func averageWeight(iteration t: Int) -> Double
    /// The learner's internal state, flattened.
    var state: [Double] { get }
    /// - Throws: `GameError.shape` when `state` does not have this learner's length.
    func restore(state: [Double]) throws
}

extension PlayerLearner {
    public func averageWeight(iteration t: Int) -> Double { 1 }

    /// The expected value of `values` under the current policy.
    func expected(_ values: [Double]) -> Double { zip(values, policy).reduce(0) { $0 + $1.0 * $1.1 } }

    func checkLength(_ state: [Double], _ expected: Int) throws {
        guard state.count == expected else { throw GameError.shape(what: "learner state values", expected: expected, found: state.count) }
    }
}
