import Gym
import GymGames
import GymRuns

/// `gym solve GAME`: equilibria of a game whose players are all agents.
extension Solve {
    func solveGame(_ resolved: ResolvedEnvironment) throws {
        let game = try resolved.normalForm()
        let result: EquilibriumSet
        switch method {
        case "support-enumeration":
            result = try SupportEnumeration.solve(game)
        case "linear-program":
            result = try ZeroSumSolver.solve(game)
        default:
            guard game.playerCount == 2 else {
                throw GameError.notApplicable(solver: "gym solve", reason: "\(resolved.id) has \(game.playerCount) players; equilibria are computed "
                    + "for two-player games (gym evaluate --strategies computes the exploitability of any profile)")
            }
            result = game.isZeroSum ? try ZeroSumSolver.solve(game) : try SupportEnumeration.solve(game)
        }
        if output.json {
            var object: [String: JSONValue] = [
                "players": .array(game.players.map { .string($0) }),
                "actions": ProfileJSON.actionLists(game),
                "equilibria": .array(result.equilibria.map { e in
                    .object(["strategies": ProfileJSON.object(e.profile, game), "values": ProfileJSON.values(e.values, game),
                             "exploitability": .number(game.exploitability(e.profile))])
                }),
                "zero_sum": .bool(game.isZeroSum),
                "method": .string(result.method),
                "degenerate": .bool(result.degenerate),
                "complete": .bool(result.complete),
            ]
            if game.isZeroSum, let value = result.value { object["value"] = .number(value) }
            print(JSONValue.object(object).encoded())
            return
        }
        print("\(resolved.id): \(game.players.count) players (\(game.players.joined(separator: ", "))), "
              + (game.isZeroSum ? "zero-sum" : "general-sum") + "; \(result.method)")
        if game.isZeroSum, let value = result.value { print("value to \(game.players[0]): \(ProfileJSON.format(value))") }
        for (k, e) in result.equilibria.enumerated() {
            print("equilibrium \(k + 1):")
            for p in game.players.indices {
                print("  \(game.players[p]): \(ProfileJSON.text(e.profile[p], actions: game.actions[p], all: detail.all))  (payoff \(ProfileJSON.format(e.values[p])))")
            }
        }
        if result.degenerate {
            print("warning: the game is degenerate: equilibria may form continua, and this list may be incomplete")
        } else if !result.complete {
            print("note: one equilibrium of the zero-sum game; every equilibrium has the same value, and the equilibrium strategies form a convex set")
        }
    }
}
