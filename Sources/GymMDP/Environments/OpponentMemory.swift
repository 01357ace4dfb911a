import Gym

/// An opponent model playing an episode: what it remembers of the agent's moves, and how it moves.
/// The single-agent matrix game plays one inside the environment; an `OpponentPolicy` plays one as a
/// `FixedPolicy` of a `SingleLearnerEnvironment`. Both draw the same numbers in the same order.
///
/// Random draws per round, in order: a mixed opponent draws one `nextDouble()` (only when its strategy
/// has more than one move); a reactive one likewise; a best-response opponent draws `nextInt(below:)`
/// only to break a tie between several best moves (in the first round all moves tie).
struct OpponentMemory {
    let model: OpponentModel
    let opponentPayoff: [[Double]]
    private var history: [Int] = []
    /// How often each agent move occurs in the last `window` rounds (best-response opponents).
    private var windowCounts: [Int]
    /// Scratch space for the best response: the opponent's payoff of each of its moves.
    private var opponentValues: [Double]
    private var lastAgentMove: Int?
    var rounds: Int { history.count }
    /// The agent's moves this episode, first to last: everything the memory holds follows from them.
    var agentMoves: [Int] { history }

    init(_ model: OpponentModel, agentActions: Int, opponentPayoff: [[Double]]) {
        self.model = model
        self.opponentPayoff = opponentPayoff
        windowCounts = Array(repeating: 0, count: agentActions)
        opponentValues = Array(repeating: 0, count: opponentPayoff.first?.count ?? 0)
    }

    mutating func start() {
        history.removeAll(keepingCapacity: true)
        for a in windowCounts.indices { windowCounts[a] = 0 }
        lastAgentMove = nil
    }

    /// Remembers the agent's move of the round just played.
    mutating func record(agentMove a: Int) {
        history.append(a)
        if case .bestResponse(let window) = model {
            windowCounts[a] += 1
            if history.count > window { windowCounts[history[history.count - 1 - window]] -= 1 }
        }
        lastAgentMove = a
    }

    /// The opponent's move this round, before it sees the agent's.
    mutating func move(using rng: inout RandomSource) -> Int {
        switch model {
        case .mixed(let q):
            return Self.draw(q, &rng)
        case .sequence(let moves):
            return moves[history.count % moves.count]
        case .reactive(let first, let responses):
            return Self.draw(lastAgentMove.map { responses[$0] } ?? first, &rng)
        case .bestResponse:
            // The opponent's summed payoff of each move against the agent's moves in the window.
            for o in opponentValues.indices {
                var value = 0.0
                for a in windowCounts.indices where windowCounts[a] > 0 { value += Double(windowCounts[a]) * opponentPayoff[a][o] }
                opponentValues[o] = value
            }
            let best = opponentValues.max()!
            let ties = opponentValues.count { $0 >= best - 1e-12 }
            var k = ties == 1 ? 0 : rng.nextInt(below: ties)
            for o in opponentValues.indices where opponentValues[o] >= best - 1e-12 {
                if k == 0 { return o }
                k -= 1
            }
            preconditionFailure("unreachable: a best move exists")
        }
    }

    /// A move drawn from `q` (one uniform draw, only when more than one move has positive probability).
    private static func draw(_ q: [Double], _ rng: inout RandomSource) -> Int {
        var positives = 0, only = 0
        for (i, p) in q.enumerated() where p > 0 { positives += 1; only = i }
        return positives > 1 ? rng.categorical(q) : only
    }
}

/// An opponent model as the fixed policy of one player in a two-player game (`SingleLearnerEnvironment`):
/// the same models, and the same draws, as the single-agent `matrix-game` kind's `opponent`.
///
/// ```swift
/// let policy = OpponentPolicy(.bestResponse(window: 50), watching: "row", learnerActions: 3, payoff: columnPayoff)
/// let env = try SingleLearnerEnvironment(game, learner: "row", others: ["column": policy])
/// ```
public final class OpponentPolicy: FixedPolicy {
    /// The agent whose moves the model reacts to.
    public let learner: String
    private var memory: OpponentMemory
    private var rng = RandomSource.entropySeeded()

    /// - Parameters:
    ///   - model: how the opponent moves (the `opponent` member of the single-agent kind).
    ///   - learner: the agent whose moves the model watches.
    ///   - learnerActions: how many actions that agent has.
    ///   - payoff: the opponent's payoff, `[learner's move][opponent's move]` (best-response models).
    public init(_ model: OpponentModel, watching learner: String, learnerActions: Int, payoff: [[Double]]) {
        self.learner = learner
        memory = OpponentMemory(model, agentActions: learnerActions, opponentPayoff: payoff)
    }

    public func start(seed: UInt64?) {
        if let seed { rng = RandomSource(seed: seed) }
        memory.start()
    }

    public func act(_ observation: Observation) -> Action { .discrete(memory.move(using: &rng)) }

    public func record(_ actions: [String: Action]) {
        if let a = actions[learner]?.index { memory.record(agentMove: a) }
    }
}
