import Gym
import GymGames
import GymMDP

/// Games whose players are all agents, as commands see them.
extension ResolvedEnvironment {
    public var isGame: Bool { spec.isMultiAgent }

    /// A fresh multi-agent instance.
    public func makeGame() throws -> MultiAgentEnvironment { try Registry.shared.makeMultiAgent(spec, overrides: overrides) }

    /// The game's normal form, for the solvers and exploitability.
    public func normalForm() throws -> NormalFormGame {
        guard let matrix = try makeGame() as? MatrixGameParallelEnvironment else {
            throw GymError.invalidArgument("\(id) is a multi-agent environment without a normal form (only matrix games have one)")
        }
        return matrix.game
    }
}

/// Strategy profiles as JSON: `{"row": [...], "column": [...]}`.
public enum ProfileJSON {
    /// Each player's probabilities of its actions, by player name.
    public static func object(_ profile: StrategyProfile, _ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], .array(profile[$0].map { .number($0) })) }))
    }

    /// Each player's action names, by player name.
    public static func actionLists(_ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(game.players, game.actions).map { ($0, .array($1.map { .string($0) })) }))
    }

    /// One number per player, by player name.
    public static func values(_ values: [Double], _ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(game.players, values).map { ($0, .number($1)) }))
    }

    /// How many of a strategy's nonzero probabilities text shows without `all`.
    public static let shownProbabilities = 8

    /// `action probability, ...` for text output: every action with `all` or where there are few (one
    /// more than `shownProbabilities` or fewer); otherwise the nonzero probabilities in action order (the
    /// largest few, largest first, where there are many) and how many actions are at 0.
    public static func text(_ strategy: [Double], actions: [String], all: Bool = false) -> String {
        let entry = { (a: Int) in "\(actions[a]) \(format(strategy[a]))" }
        if !Abridged.cuts(strategy.count, limit: shownProbabilities, all: all) { return strategy.indices.map(entry).joined(separator: ", ") }
        var support = strategy.indices.filter { format(strategy[$0]) != "0" }
        let zeros = strategy.count - support.count
        var text: String
        if Abridged.cuts(support.count, limit: shownProbabilities) {
            support.sort { strategy[$0] != strategy[$1] ? strategy[$0] > strategy[$1] : $0 < $1 }
            let rest = support.dropFirst(shownProbabilities).reduce(0.0) { $0 + strategy[$1] }
            text = Abridged.list(support.map(entry), limit: shownProbabilities) + " (\(format(rest)) in all)"
        } else {
            text = support.map(entry).joined(separator: ", ")
        }
        if zeros > 0 { text += "; \(zeros == 1 ? "1 other action" : "\(zeros) other actions") 0" }
        return text
    }

    /// A probability or value in six significant digits; within 5e-13 of 0 is 0.
    public static func format(_ x: Double) -> String { String(format: "%.6g", abs(x) < 5e-13 ? 0 : x) }
}
