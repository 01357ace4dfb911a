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

/// One episode of a repeated matrix game in progress: the opponent's memory and generator. A
/// `MatrixGameEnvironment` plays one; a batch of the game plays one per lane.
struct MatrixGamePlay {
    let game: MatrixGame
    var rng = RandomSource.entropySeeded()
    /// The opponent model's memory of the episode, the same that an `OpponentPolicy` keeps.
    private var opponent: OpponentMemory
    var lastMoves: (agent: Int, opponent: Int)?
    /// Rounds since the episode began.
    var rounds: Int { opponent.rounds }

    init(_ game: MatrixGame) {
        self.game = game
        opponent = OpponentMemory(game.opponent, agentActions: game.actions.count, opponentPayoff: game.opponentPayoff)
    }

    /// A new episode (the generator goes on).
    mutating func start() {
        opponent.start()
        lastMoves = nil
    }

    /// The agent's moves so far this episode, first to last.
    var agentMoves: [Int] { opponent.agentMoves }

    /// Puts the episode back where it was after the agent played `moves` and the last round ended in
    /// `last` (nil before the first round); the opponent remembers the moves as if it had watched them.
    /// - Throws: `GymError.invalidArgument` for a move that is not one of the game's.
    mutating func resume(agentMoves moves: [Int], last: (agent: Int, opponent: Int)?) throws {
        guard moves.allSatisfy({ game.actions.indices.contains($0) }),
              last.map({ game.actions.indices.contains($0.agent) && game.opponentActions.indices.contains($0.opponent) }) ?? true,
              (last == nil) == moves.isEmpty else {
            throw GymError.invalidArgument("the snapshot's moves are not moves of this game")
        }
        opponent.start()
        for a in moves { opponent.record(agentMove: a) }
        lastMoves = last
    }

    /// Plays one round with the agent's move `a`: the opponent's move, which the round then records.
    mutating func play(_ a: Int) -> Int {
        let o = opponent.move(using: &rng)
        opponent.record(agentMove: a)
        lastMoves = (a, o)
        return o
    }

    /// The text picture of the round: the last moves.
    var text: String {
        guard let lastMoves else { return "round \(rounds + 1)" }
        return "round \(rounds): you played \(game.actions[lastMoves.agent]), the opponent \(game.opponentActions[lastMoves.opponent])"
    }

    /// The drawing of the round: the payoff table (the agent's payoff, and the opponent's where the game is
    /// not zero-sum) with the last moves' cell highlighted.
    var picture: Picture {
        let zeroSum = zip(game.payoff, game.opponentPayoff).allSatisfy { zip($0, $1).allSatisfy { $0 == -$1 } }
        let cells = game.payoff.indices.map { r in
            game.payoff[r].indices.map { c in
                JSONValue.format(game.payoff[r][c]) + (zeroSum ? "" : ", " + JSONValue.format(game.opponentPayoff[r][c]))
            }
        }
        let caption = lastMoves == nil ? "round \(rounds + 1)" : "round \(rounds)"
        return PayoffTable(players: ["you", "opponent"], actions: [game.actions, game.opponentActions], cells: cells,
                           last: lastMoves.map { [$0.agent, $0.opponent] }, caption: caption).picture
    }

    /// What the agent sees: both last moves one-hot (observation "last-moves"), else the one state.
    var observation: Observation {
        guard game.observesLastMoves else { return .discrete(0) }
        var bits = [Int](repeating: 0, count: game.actions.count + game.opponentActions.count)
        if let lastMoves {
            bits[lastMoves.agent] = 1
            bits[game.actions.count + lastMoves.opponent] = 1
        }
        return .integers(bits)
    }
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
public final class MatrixGameEnvironment: ModelledEnvironment, SelfEnforcingEnvironment, BatchSteppable {
    public let game: MatrixGame
    public let observationSpace: Space
    public let actionSpace: Space
    public private(set) var metadata: EnvironmentMetadata
    /// The one-state model, for observation "none" against a mixed opponent; nil otherwise.
    public let knownModel: TabularModel?
    var play: MatrixGamePlay
    /// The step's info for each opponent move, made once (a step then allocates nothing).
    let opponentInfos: [Info]
    var phase = EpisodePhase.needsReset
    var clock = EpisodeClock()

    public init(game: MatrixGame, metadata: EnvironmentMetadata, model: TabularModel?) throws {
        self.game = game
        self.metadata = metadata
        knownModel = model
        observationSpace = game.observesLastMoves ? .multiBinary(try MultiBinary(game.actions.count + game.opponentActions.count))
            : .discrete(try Discrete(1))
        actionSpace = .discrete(try Discrete(game.actions.count))
        play = MatrixGamePlay(game)
        opponentInfos = game.opponentActions.map { ["opponent_action": .string($0)] }
    }

    public var currentState: Int? { phase == .needsReset ? nil : 0 }

    var name: String { metadata.id ?? "matrix game" }

    /// The time limit this environment applies itself (`SelfEnforcingEnvironment`); nil for none.
    public var episodeLimit: Int? {
        get { clock.limit }
        set { clock.setLimit(newValue, reportingIn: &metadata) }
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { play.rng = RandomSource(seed: seed) }
        try checkStart(options)
        play.start()
        phase = .running
        clock.start()
        return (play.observation, [:])
    }

    /// Refuses an initial state: every episode starts the same way.
    func checkStart(_ options: ResetOptions) throws { try MatrixGameEnvironment.refuseInitialState(options, name: name) }

    /// A matrix game, with one agent or several, starts every episode the same way.
    static func refuseInitialState(_ options: ResetOptions, name: String) throws {
        if let state = options.initialState {
            throw GymError.invalidArgument("\(name): a matrix game starts every episode the same way; initial state \(state) cannot be honoured")
        }
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(name)
        return play.observation
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        try phase.checkStep(name)
        try actionSpace.validate(action)
        let a = action.index!
        let o = play.play(a)
        let truncated = clock.tick()
        if truncated { phase = .ended }
        return Step(observation: play.observation, reward: game.payoff[a][o], terminated: false, truncated: truncated,
                    info: opponentInfos[o])
    }

    /// `count` fresh lanes of this game with this environment's time limit (`BatchSteppable`).
    public func makeBatch(count: Int) throws -> EnvironmentBatch {
        let batch = try MatrixGameBatch(self, count: count)
        batch.episodeLimit = episodeLimit
        return batch
    }

    public func render() -> String? { play.text }
    public func picture() -> Picture? { play.picture }
}
