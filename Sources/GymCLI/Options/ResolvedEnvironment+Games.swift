import Gym
import GymGames
import GymMDP

/// Games whose players are all agents, as commands see them.
extension ResolvedEnvironment {
    var isGame: Bool { spec.isMultiAgent }

    /// A fresh multi-agent instance.
    func makeGame() throws -> MultiAgentEnvironment { try Registry.shared.makeMultiAgent(spec, overrides: overrides) }

    /// The game's normal form, for the solvers and exploitability.
    func normalForm() throws -> NormalFormGame {
        guard let matrix = try makeGame() as? MatrixGameParallelEnvironment else {
            throw GymError.invalidArgument("\(id) is a multi-agent environment without a normal form (only matrix games have one)")
        }
        return matrix.game
    }
}

/// Strategy profiles as JSON: `{"row": [...], "column": [...]}`.
enum ProfileJSON {
    static func object(_ profile: StrategyProfile, _ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], .array(profile[$0].map { .number($0) })) }))
    }

    static func actionLists(_ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(game.players, game.actions).map { ($0, .array($1.map { .string($0) })) }))
    }

    static func values(_ values: [Double], _ game: NormalFormGame) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: zip(game.players, values).map { ($0, .number($1)) }))
    }

    /// `probability action, ...` for text output.
    static func text(_ strategy: [Double], actions: [String]) -> String {
        zip(actions, strategy).map { "\($0) \(format($1))" }.joined(separator: ", ")
    }

    static func format(_ x: Double) -> String { String(format: "%.6g", abs(x) < 5e-13 ? 0 : x) }
}
