/// A game in normal form: players choose actions at once, and each player's payoff depends on the
/// joint choice (the pure profile).
///
/// Payoffs are stored per player as a flat array over pure profiles in row-major order: the first
/// player's action varies slowest, the last player's fastest (so a two-player game's payoffs are the
/// familiar matrices, row = first player). `NormalFormGame` is a value; it checks its shape on
/// creation and never changes.
///
/// ```swift
/// let rps = try NormalFormGame.zeroSum(players: ["row", "column"], actions: [["R", "P", "S"], ["R", "P", "S"]],
///                                      payoff: [[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
/// let uniform = StrategyProfile(rps.actionCounts.map { Array(repeating: 1 / Double($0), count: $0) })
/// rps.exploitability(uniform)    // 0
/// ```
public struct NormalFormGame: Sendable, Equatable {
    public let players: [String]
    /// Each player's action names, in index order.
    public let actions: [[String]]
    /// `payoffs[p][i]`: player `p`'s payoff at pure profile `i` (see ``index(of:)``).
    public let payoffs: [[Double]]
    /// The distance in the flat arrays between consecutive actions of each player.
    public let strides: [Int]

    /// - Throws: `GameError` for fewer than two players, an empty or repeated name, or payoff arrays
    ///   whose length is not the product of the action counts.
    public init(players: [String], actions: [[String]], payoffs: [[Double]]) throws {
        guard players.count >= 2 else { throw GameError.invalidGame("a game needs at least two players, found \(players.count)") }
        guard Set(players).count == players.count else { throw GameError.invalidGame("player names must differ: \(players)") }
        guard actions.count == players.count else { throw GameError.shape(what: "action lists", expected: players.count, found: actions.count) }
        for (p, list) in actions.enumerated() {
            guard !list.isEmpty else { throw GameError.invalidGame("player '\(players[p])' has no actions") }
            guard Set(list).count == list.count else { throw GameError.invalidGame("player '\(players[p])' has repeated action names") }
        }
        guard payoffs.count == players.count else { throw GameError.shape(what: "payoff arrays", expected: players.count, found: payoffs.count) }
        let total = actions.reduce(1) { $0 * $1.count }
        for (p, values) in payoffs.enumerated() where values.count != total {
            throw GameError.shape(what: "payoff entries of player '\(players[p])'", expected: total, found: values.count)
        }
        self.players = players
        self.actions = actions
        self.payoffs = payoffs
        var strides = [Int](repeating: 1, count: players.count)
        for p in stride(from: players.count - 2, through: 0, by: -1) { strides[p] = strides[p + 1] * actions[p + 1].count }
        self.strides = strides
    }

    /// A two-player zero-sum game from the first player's payoff matrix (rows: the first player's actions).
    public static func zeroSum(players: [String], actions: [[String]], payoff: [[Double]]) throws -> NormalFormGame {
        guard players.count == 2 else { throw GameError.invalidGame("a zero-sum matrix describes two players, found \(players.count)") }
        let first = payoff.flatMap { $0 }
        return try NormalFormGame(players: players, actions: actions, payoffs: [first, first.map { -$0 }])
    }

    /// A two-player game from the two payoff matrices (rows: the first player's actions).
    public static func bimatrix(players: [String], actions: [[String]], row: [[Double]], column: [[Double]]) throws -> NormalFormGame {
        try NormalFormGame(players: players, actions: actions, payoffs: [row.flatMap { $0 }, column.flatMap { $0 }])
    }

    public var playerCount: Int { players.count }
    public var actionCounts: [Int] { actions.map(\.count) }
    /// The number of pure profiles.
    public var profileCount: Int { payoffs[0].count }

    /// The flat index of a pure profile (one action index per player).
    public func index(of profile: [Int]) -> Int {
        var i = 0
        for p in profile.indices { i += profile[p] * strides[p] }
        return i
    }

    /// The pure profile at a flat index.
    public func profile(at index: Int) -> [Int] {
        strides.indices.map { (index / strides[$0]) % actions[$0].count }
    }

    /// Whether the payoffs of every pure profile sum to zero (to within 1e-12 of their size).
    public var isZeroSum: Bool {
        (0..<profileCount).allSatisfy { i in
            let values = payoffs.map { $0[i] }
            return abs(values.reduce(0, +)) <= 1e-12 * max(1, values.map(abs).max()!)
        }
    }

    /// Player `p`'s payoffs as a matrix when there are two players: `[first player's action][second's]`.
    public func matrix(_ p: Int) -> [[Double]] {
        precondition(playerCount == 2, "matrix(_:) needs a two-player game")
        let columns = actions[1].count
        return (0..<actions[0].count).map { r in Array(payoffs[p][(r * columns)..<((r + 1) * columns)]) }
    }

    /// The player's index by name.
    public func playerIndex(_ name: String) throws -> Int {
        guard let p = players.firstIndex(of: name) else { throw GameError.unknownPlayer(name, known: players) }
        return p
    }
}
