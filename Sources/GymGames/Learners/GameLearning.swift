import Foundation
import GymRandom

/// Every player of a normal-form game learning at once, each with its own ``PlayerLearner``.
///
/// One ``iterate()`` is one round: every player plays its current policy, the running average takes
/// it in, and every player learns from what its actions would have earned against the others'
/// play. On the exact matrix (`sampled: false`) that is the expectation against the others' current
/// policies; sampled (`sampled: true`), every player draws an action from its policy and each learns
/// against the others' drawn actions. Exploitability is always computed exactly, on the matrix.
///
/// ```swift
/// var learning = GameLearning(game: rps, kind: .regretMatching)
/// for _ in 0..<50_000 { learning.iterate() }
/// rps.exploitability(learning.average)     // below 0.01
/// ```
public struct GameLearning {
    public let game: NormalFormGame
    public let kind: GameLearnerKind
    public let learners: [PlayerLearner]
    /// Learn from sampled rounds instead of the exact expectation.
    public let sampled: Bool
    /// The rounds played so far.
    public private(set) var iterations = 0
    /// The weighted sums of the current policies, and the sum of the weights.
    private var averageSums: [[Double]]
    private var weightSum = 0.0
    /// The draws of sampled play.
    public var rng: RandomSource
    private var values: [[Double]]

    /// - Parameter initial: the first policies (see ``PlayerLearner/start(from:)``); by default each
    ///   learner's own (fictitious play: the first action; the others: uniform).
    public init(game: NormalFormGame, kind: GameLearnerKind, sampled: Bool = false, seed: UInt64 = 0,
                learningRate: Double = GameLearnerKind.defaultLearningRate, initial: StrategyProfile? = nil) {
        self.game = game
        self.kind = kind
        self.sampled = sampled
        learners = game.actionCounts.map { kind.make(actionCount: $0, learningRate: learningRate) }
        if let initial { for p in learners.indices { learners[p].start(from: initial[p]) } }
        averageSums = game.actionCounts.map { Array(repeating: 0, count: $0) }
        values = averageSums
        rng = RandomSource(seed: seed)
    }

    /// A profile drawn uniformly from the product of simplices (normalised exponential draws), a start
    /// that breaks the symmetry of uniform play.
    public static func randomProfile(_ game: NormalFormGame, seed: UInt64) -> StrategyProfile {
        var rng = RandomSource(seed: seed)
        return StrategyProfile(game.actionCounts.map { n in
            let draws = (0..<n).map { _ in -log(1 - rng.nextDouble()) }
            let sum = draws.reduce(0, +)
            return draws.map { $0 / sum }
        })
    }

    /// The policies the players play now.
    public var current: StrategyProfile { StrategyProfile(learners.map(\.policy)) }

    /// The weighted time average of the policies played; the current policies before any round.
    public var average: StrategyProfile {
        guard weightSum > 0 else { return current }
        return StrategyProfile(averageSums.map { $0.map { $0 / weightSum } })
    }

    /// Plays one round and learns from it.
    public mutating func iterate() {
        iterations += 1
        let policies = learners.map(\.policy)
        let weight = learners[0].averageWeight(iteration: iterations)
        weightSum += weight
        for p in policies.indices { for a in policies[p].indices { averageSums[p][a] += weight * policies[p][a] } }
        if sampled {
            let moves = policies.map { rng.categorical($0) }
            for p in learners.indices { pureValues(p, moves, into: &values[p]) }
        } else {
            for p in learners.indices { game.actionValues(p, against: policies, into: &values[p]) }
        }
        for p in learners.indices { learners[p].update(values[p]) }
    }

    /// What each of player `p`'s actions earns against the others' pure `moves`.
    private func pureValues(_ p: Int, _ moves: [Int], into values: inout [Double]) {
        var base = 0
        for q in moves.indices where q != p { base += moves[q] * game.strides[q] }
        for a in values.indices { values[a] = game.payoffs[p][base + a * game.strides[p]] }
    }

    /// Everything that determines the next rounds, flattened: iterations, weight sum, average sums,
    /// each learner's state, and the generator's words (as doubles' bit patterns).
    public var state: [Double] {
        var s = [Double(iterations), weightSum]
        for sums in averageSums { s += sums }
        for learner in learners { s += learner.state }
        s += rng.stateWords.map { Double(bitPattern: $0) }
        return s
    }

    /// - Throws: `GameError.shape` when `state` was not made by a learning of this game and learner.
    public mutating func restore(state: [Double]) throws {
        let expected = 2 + averageSums.reduce(0) { $0 + $1.count } + learners.reduce(0) { $0 + $1.state.count } + 4
        guard state.count == expected, let n = Int(exactly: state[0]), n >= 0 else {
            throw GameError.shape(what: "saved learning state values", expected: expected, found: state.count)
        }
        iterations = n
        weightSum = state[1]
        var offset = 2
        for p in averageSums.indices {
            averageSums[p] = Array(state[offset..<(offset + averageSums[p].count)])
            offset += averageSums[p].count
        }
        for learner in learners {
            let count = learner.state.count
            try learner.restore(state: Array(state[offset..<(offset + count)]))
            offset += count
        }
        guard let generator = RandomSource(stateWords: state[offset...].map { $0.bitPattern }) else {
            throw GameError.shape(what: "generator state (all zero)", expected: 4, found: 0)
        }
        rng = generator
    }
}
