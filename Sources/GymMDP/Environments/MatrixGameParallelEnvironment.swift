import Gym
import GymGames

/// A repeated normal-form game in which every player is an agent (the `matrix-game` kind with
/// `players`): PettingZoo's parallel API over a `NormalFormGame`.
///
/// Each step is one round: every player moves at once, and each receives its payoff for the joint
/// move; `infos[agent]["actions"]` names everyone's move. Nothing is random, so a seed changes
/// nothing, and no agent terminates: after `rounds` rounds every agent is truncated at once.
/// Observation "none" is one constant `Discrete(1)` state; "last-moves" is a one-hot of every
/// player's previous move, players in order (all zero in the first round).
public final class MatrixGameParallelEnvironment: MultiAgentEnvironment {
    public let game: NormalFormGame
    public let rounds: Int
    public let observesLastMoves: Bool
    public let metadata: EnvironmentMetadata
    public var possibleAgents: [String] { game.players }
    public internal(set) var agents: [String] = []
    private let observationSpaces: [String: Space]
    private let actionSpaces: [String: Space]
    /// Where each player's one-hot block starts in a "last-moves" observation.
    private let offsets: [Int]
    var lastMoves: [Int]?
    var played = 0
    var phase = EpisodePhase.needsReset

    public init(game: NormalFormGame, rounds: Int, observesLastMoves: Bool, metadata: EnvironmentMetadata) throws {
        self.game = game
        self.rounds = rounds
        self.observesLastMoves = observesLastMoves
        self.metadata = metadata
        let total = game.actionCounts.reduce(0, +)
        var offsets: [Int] = [], offset = 0
        for n in game.actionCounts { offsets.append(offset); offset += n }
        self.offsets = offsets
        let observation: Space = observesLastMoves ? .multiBinary(try MultiBinary(total)) : .discrete(try Discrete(1))
        observationSpaces = Dictionary(uniqueKeysWithValues: game.players.map { ($0, observation) })
        actionSpaces = Dictionary(uniqueKeysWithValues: try zip(game.players, game.actionCounts).map { ($0, .discrete(try Discrete($1))) })
    }

    var name: String { metadata.id ?? "matrix game" }

    public func observationSpace(_ agent: String) throws -> Space {
        guard let space = observationSpaces[agent] else { throw MultiAgentError.unknownAgent(agent: agent, known: possibleAgents) }
        return space
    }

    public func actionSpace(_ agent: String) throws -> Space {
        guard let space = actionSpaces[agent] else { throw MultiAgentError.unknownAgent(agent: agent, known: possibleAgents) }
        return space
    }

    public func actionNames(_ agent: String) -> [String]? { game.players.firstIndex(of: agent).map { game.actions[$0] } }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observations: [String: Observation], infos: [String: Info]) {
        try MatrixGameEnvironment.refuseInitialState(options, name: name)
        agents = game.players
        lastMoves = nil
        played = 0
        phase = .running
        return (everyone(observation), everyone([:]))
    }

    public func step(_ actions: [String: Action]) throws -> MultiAgentStep {
        try phase.checkStep(name)
        try checkActions(actions)
        let moves = game.players.map { actions[$0]!.index! }
        let i = game.index(of: moves)
        lastMoves = moves
        played += 1
        let done = played >= rounds
        var info: Info = [:]
        info["actions"] = .object(Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], JSONValue.string(game.actions[$0][moves[$0]])) }))
        var rewards: [String: Double] = [:]
        for (p, agent) in game.players.enumerated() { rewards[agent] = game.payoffs[p][i] }
        let step = MultiAgentStep(observations: everyone(observation), rewards: rewards, terminated: everyone(false),
                                  truncated: everyone(done), infos: everyone(info))
        if done {
            agents = []
            phase = .ended
        }
        return step
    }

    public func render() -> String? {
        guard let lastMoves else { return "round \(played + 1)" }
        return "round \(played): " + game.players.indices.map { "\(game.players[$0]) played \(game.actions[$0][lastMoves[$0]])" }.joined(separator: ", ")
    }

    public func picture() -> Picture? {
        PayoffTable(game: game, last: lastMoves, caption: lastMoves == nil ? "round \(played + 1)" : "round \(played)").picture
    }

    private var observation: Observation {
        guard observesLastMoves else { return .discrete(0) }
        var bits = [Int](repeating: 0, count: game.actionCounts.reduce(0, +))
        if let lastMoves { for p in lastMoves.indices { bits[offsets[p] + lastMoves[p]] = 1 } }
        return .integers(bits)
    }

    private func everyone<T>(_ value: T) -> [String: T] { Dictionary(uniqueKeysWithValues: game.players.map { ($0, value) }) }
}
