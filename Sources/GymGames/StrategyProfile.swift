/// One mixed strategy per player, in player order: `strategies[p][a]` is the probability that player
/// `p` plays action `a`.
public struct StrategyProfile: Sendable, Equatable {
    public var strategies: [[Double]]

    public init(_ strategies: [[Double]]) { self.strategies = strategies }

    public subscript(player: Int) -> [Double] {
        get { strategies[player] }
        set { strategies[player] = newValue }
    }

    /// Every player uniform over their actions.
    public static func uniform(_ game: NormalFormGame) -> StrategyProfile {
        StrategyProfile(game.actionCounts.map { Array(repeating: 1 / Double($0), count: $0) })
    }

    /// A profile from strategies named by player, checked against the game.
    /// - Throws: `GameError.missingStrategy`, `.unknownPlayer`, `.invalidStrategy` (wrong length,
    ///   a negative or non-finite entry, or a sum more than 1e-9 from 1).
    public init(named: [String: [Double]], in game: NormalFormGame) throws {
        for name in named.keys.sorted() where !game.players.contains(name) { throw GameError.unknownPlayer(name, known: game.players) }
        var strategies: [[Double]] = []
        for name in game.players {
            guard let s = named[name] else { throw GameError.missingStrategy(player: name) }
            strategies.append(s)
        }
        self.init(strategies)
        try validate(in: game)
    }

    /// - Throws: `GameError.invalidStrategy` for the first player whose strategy is not a distribution.
    public func validate(in game: NormalFormGame) throws {
        guard strategies.count == game.playerCount else {
            throw GameError.shape(what: "strategies in the profile", expected: game.playerCount, found: strategies.count)
        }
        for (p, s) in strategies.enumerated() {
            let name = game.players[p]
            guard s.count == game.actions[p].count else {
                throw GameError.invalidStrategy(player: name, reason: "expected \(game.actions[p].count) probabilities (one per action), got \(s.count)")
            }
            if let i = s.firstIndex(where: { !$0.isFinite || $0 < 0 }) {
                throw GameError.invalidStrategy(player: name, reason: "probability \(i) (\(game.actions[p][i])) is \(s[i]); probabilities are finite and at least 0")
            }
            let sum = s.reduce(0, +)
            guard abs(sum - 1) <= 1e-9 else { throw GameError.invalidStrategy(player: name, reason: "the probabilities sum to \(sum), not 1") }
        }
    }

    /// The strategies keyed by player name.
    public func named(in game: NormalFormGame) -> [String: [Double]] {
        Dictionary(uniqueKeysWithValues: zip(game.players, strategies))
    }
}
