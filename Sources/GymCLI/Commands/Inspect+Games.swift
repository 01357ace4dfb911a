import Gym
import GymGames
import GymRuns

/// `gym inspect GAME`: the players, their actions and spaces, and the payoffs.
extension Inspect {
    /// How many actions of each player the text shows without --all (lists, and the bimatrix's rows and columns).
    static let shownActions = 8

    func inspectGame(_ resolved: ResolvedEnvironment) throws {
        let game = try resolved.normalForm()
        let env = try resolved.makeGame()
        let m = env.metadata
        if output.json {
            var object: [String: JSONValue] = [
                "id": .string(resolved.id), "kind": .string(resolved.spec.kind), "title": .string(m.title),
                "description": .string(m.description), "source": .string(resolved.spec.source),
                "players": .array(game.players.map { .string($0) }), "actions": ProfileJSON.actionLists(game),
                "observation_spaces": .object(Dictionary(uniqueKeysWithValues: try game.players.map { ($0, try env.observationSpace($0).json) })),
                "payoffs": .object(Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], .array(game.payoffs[$0].map { .number($0) })) })),
                "zero_sum": .bool(game.isZeroSum),
            ]
            object["max_episode_steps"] = m.maxEpisodeSteps.map { .number(Double($0)) } ?? .null
            print(JSONValue.object(object).encoded())
            return
        }
        print("\(resolved.id): \(m.title)")
        print("kind: \(resolved.spec.kind), \(game.playerCount) players, \(game.isZeroSum ? "zero-sum" : "general-sum"), rounds: \(m.maxEpisodeSteps.map(String.init) ?? "-")")
        for (p, player) in game.players.enumerated() {
            let actions = Abridged.list(game.actions[p], limit: Inspect.shownActions, all: detail.all)
            print("  \(player): actions \(actions); observation \(try env.observationSpace(player))")
        }
        if game.playerCount == 2 {
            // The bimatrix: each cell gives (first player's payoff, second player's).
            let shown = game.actions.map { Array($0.indices.prefix(Abridged.cuts($0.count, limit: Inspect.shownActions, all: detail.all) ? Inspect.shownActions : $0.count)) }
            let cut = zip(shown, game.actions).contains { $0.count < $1.count }
            let rows = shown[0].map { r in
                [game.actions[0][r]] + shown[1].map { c in
                    let i = game.index(of: [r, c])
                    return "\(JSONValue.format(game.payoffs[0][i])), \(JSONValue.format(game.payoffs[1][i]))"
                }
            }
            print(Table.render(header: ["\(game.players[0]) \\ \(game.players[1])"] + shown[1].map { game.actions[1][$0] }, rows: rows))
            if cut {
                print("the first \(shown[0].count) rows and \(shown[1].count) columns of \(game.actions[0].count) × \(game.actions[1].count) "
                      + "(gym inspect --all prints the whole table, --json every payoff)")
            }
        } else {
            print("payoffs: \(game.profileCount) pure profiles (gym inspect --json lists them, the first player's action varying slowest)")
        }
        print(m.description)
    }
}
