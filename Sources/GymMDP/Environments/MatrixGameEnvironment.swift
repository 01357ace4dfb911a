import Gym
import GymPlanning

/// The rules of a repeated matrix game.
public struct MatrixGame: Sendable {
    public var actions: [String]
    public var opponentActions: [String]
    /// The agent's reward: row = agent action, column = opponent action.
    public var payoff: [[Double]]
    /// The opponent's payoff, used by the best-response opponent (zero-sum: the negated payoff).
    public var opponentPayoff: [[Double]]
    public var opponent: OpponentModel
    /// Observation "last-moves": a one-hot of both previous moves; otherwise a single constant state.
    public var observesLastMoves: Bool
}

/// A repeated matrix game against an opponent model (the `matrix-game` kind).
///
/// Each step is one round: the opponent chooses its move without seeing the agent's current move,
/// then the agent receives `payoff[agent][opponent]`; `info["opponent_action"]` names the opponent's
/// move. The environment never terminates: `rounds` is its time limit (applied by `Registry.make`).
///
/// Random draws per round, in order: a mixed opponent draws one `nextDouble()` (only when its strategy
/// has more than one move); a reactive one likewise; a best-response opponent draws `nextInt(below:)`
/// only to break a tie between several best moves (in the first round all moves tie).
public final class MatrixGameEnvironment: ModelledEnvironment, SelfEnforcingEnvironment {
    public let game: MatrixGame
    public let observationSpace: Space
    public let actionSpace: Space
    public private(set) var metadata: EnvironmentMetadata
    /// The one-state model, for observation "none" against a mixed opponent; nil otherwise.
    public let knownModel: TabularModel?
    private var rng = RandomSource.entropySeeded()
    private var history: [Int] = []
    /// How often each agent move occurs in the last `window` rounds (best-response opponents).
    private var windowCounts: [Int]
    /// Scratch space for the best response: the opponent's payoff of each of its moves.
    private var opponentValues: [Double]
    /// The step's info for each opponent move, made once (a step then allocates nothing).
    private let opponentInfos: [Info]
    private var lastMoves: (agent: Int, opponent: Int)?
    private var phase = EpisodePhase.needsReset
    private var clock = EpisodeClock()

    public init(game: MatrixGame, metadata: EnvironmentMetadata, model: TabularModel?) throws {
        self.game = game
        self.metadata = metadata
        knownModel = model
        observationSpace = game.observesLastMoves ? .multiBinary(try MultiBinary(game.actions.count + game.opponentActions.count))
            : .discrete(try Discrete(1))
        actionSpace = .discrete(try Discrete(game.actions.count))
        windowCounts = Array(repeating: 0, count: game.actions.count)
        opponentValues = Array(repeating: 0, count: game.opponentActions.count)
        opponentInfos = game.opponentActions.map { ["opponent_action": .string($0)] }
    }

    public var currentState: Int? { phase == .needsReset ? nil : 0 }

    private var name: String { metadata.id ?? "matrix game" }

    /// The time limit this environment applies itself (`SelfEnforcingEnvironment`); nil for none.
    public var episodeLimit: Int? {
        get { clock.limit }
        set {
            clock.limit = newValue
            if let newValue { metadata.maxEpisodeSteps = newValue }
        }
    }

    private var observation: Observation {
        guard game.observesLastMoves else { return .discrete(0) }
        var bits = [Int](repeating: 0, count: game.actions.count + game.opponentActions.count)
        if let lastMoves {
            bits[lastMoves.agent] = 1
            bits[game.actions.count + lastMoves.opponent] = 1
        }
        return .integers(bits)
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        if let state = options.initialState {
            throw GymError.invalidArgument("\(name): a matrix game starts every episode the same way; initial state \(state) cannot be honoured")
        }
        history = []
        for a in windowCounts.indices { windowCounts[a] = 0 }
        lastMoves = nil
        phase = .running
        clock.start()
        return (observation, [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(name)
        return observation
    }

    private func opponentMove() -> Int {
        switch game.opponent {
        case .mixed(let q):
            return draw(q)
        case .sequence(let moves):
            return moves[history.count % moves.count]
        case .reactive(let first, let responses):
            return draw(lastMoves.map { responses[$0.agent] } ?? first)
        case .bestResponse:
            // The opponent's summed payoff of each move against the agent's moves in the window.
            for o in opponentValues.indices {
                var value = 0.0
                for a in windowCounts.indices where windowCounts[a] > 0 { value += Double(windowCounts[a]) * game.opponentPayoff[a][o] }
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
    private func draw(_ q: [Double]) -> Int {
        var positives = 0, only = 0
        for (i, p) in q.enumerated() where p > 0 { positives += 1; only = i }
        return positives > 1 ? rng.categorical(q) : only
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        try phase.checkStep(name)
        try actionSpace.validate(action)
        let a = action.index!
        let o = opponentMove()
        history.append(a)
        if case .bestResponse(let window) = game.opponent {
            windowCounts[a] += 1
            if history.count > window { windowCounts[history[history.count - 1 - window]] -= 1 }
        }
        lastMoves = (a, o)
        let truncated = clock.tick()
        if truncated { phase = .ended }
        return Step(observation: observation, reward: game.payoff[a][o], terminated: false, truncated: truncated,
                    info: opponentInfos[o])
    }

    public func render() -> String? {
        guard let lastMoves else { return "round \(history.count + 1)" }
        return "round \(history.count): you played \(game.actions[lastMoves.agent]), the opponent \(game.opponentActions[lastMoves.opponent])"
    }
}
