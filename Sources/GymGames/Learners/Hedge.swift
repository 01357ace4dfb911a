import Foundation

/// Hedge, or multiplicative weights (Freund and Schapire 1997), and its optimistic variant
/// (Rakhlin and Sridharan 2013; Daskalakis and Panageas 2019).
///
/// Hedge plays `policy ∝ initial · exp(η Σ values)`. Optimistic Hedge counts the latest values twice,
/// `∝ initial · exp(η (Σ values + latest))`, as a prediction of the next ones. In zero-sum games
/// Hedge's average converges while its current policy spirals out to the boundary; optimistic Hedge's
/// current policy converges too.
public final class Hedge: PlayerLearner {
    public let learningRate: Double
    public let optimistic: Bool
    /// log(initial policy) + η · the summed values.
    private var logits: [Double]
    /// η · the latest values (optimistic Hedge's prediction).
    private var latest: [Double]
    public private(set) var policy: [Double]

    /// Starts uniform; ``start(from:)`` sets another prior (its zero entries stay zero).
    public init(actionCount: Int, learningRate: Double, optimistic: Bool) {
        self.learningRate = learningRate
        self.optimistic = optimistic
        policy = Array(repeating: 1 / Double(actionCount), count: actionCount)
        logits = policy.map { log($0) }
        latest = Array(repeating: 0, count: actionCount)
    }

    public func start(from policy: [Double]) {
        self.policy = policy
        logits = policy.map { log($0) }
    }

    public func update(_ values: [Double]) {
        for a in logits.indices {
            latest[a] = learningRate * values[a]
            logits[a] += latest[a]
        }
        let scores = optimistic ? zip(logits, latest).map { $0 + $1 } : logits
        let top = scores.max()!
        var sum = 0.0
        for a in policy.indices {
            policy[a] = exp(scores[a] - top)
            sum += policy[a]
        }
        for a in policy.indices { policy[a] /= sum }
    }

    public var state: [Double] { logits + latest + policy }

    public func restore(state: [Double]) throws {
        let n = logits.count
        try checkLength(state, 3 * n)
        logits = Array(state[0..<n])
        latest = Array(state[n..<(2 * n)])
        policy = Array(state[(2 * n)...])
    }
}
