import Foundation
import Gym
import GymGames
import GymJSON
import GymNN
import GymRuns

/// `gym evaluate GAME --strategies JSON` or `--checkpoint DIR/agent.ckpt`: payoffs and exploitability.
extension Evaluate {
    func evaluateGame(_ resolved: ResolvedEnvironment) throws {
        let game = try resolved.normalForm()
        var profiles: [(label: String, key: String, profile: StrategyProfile)] = []
        if let strategies {
            profiles.append(("the profile", "", try StrategyProfile(named: try Evaluate.strategyMap(strategies), in: game)))
        } else if let checkpoint {
            let saved = try Checkpoint.read(from: checkpoint)
            guard GameCheckpoint.holdsPolicies(saved) else {
                throw GymError.invalidArgument("\(checkpoint) holds one agent, not the policies of a self-play run; evaluate a game with a self-play checkpoint or --strategies")
            }
            if let recorded = saved.metadata["environment"], recorded != resolved.id {
                throw GymError.invalidArgument("\(checkpoint) was trained on \(recorded), not \(resolved.id)")
            }
            let (average, current) = try GameCheckpoint.profiles(saved, game: game, path: checkpoint)
            profiles = [("the average policy", "", average), ("the current policy", "_current", current)]
        }
        if output.json {
            var object: [String: JSONValue] = ["environment": .string(resolved.id), "players": .array(game.players.map { .string($0) })]
            for (_, key, profile) in profiles {
                object["policy" + key] = ProfileJSON.object(profile, game)
                object["payoffs" + key] = ProfileJSON.values(game.expectedPayoffs(profile), game)
                object["best_response_gains" + key] = ProfileJSON.values(game.bestResponseGains(profile), game)
                object["nash_conv" + key] = .number(game.nashConv(profile))
                object["exploitability" + key] = .number(game.exploitability(profile))
            }
            print(JSONValue.object(object).encoded())
            return
        }
        for (label, _, profile) in profiles {
            print("\(resolved.id), \(label):")
            let payoffs = game.expectedPayoffs(profile), gains = game.bestResponseGains(profile)
            for p in game.players.indices {
                print("  \(game.players[p]): \(ProfileJSON.text(profile[p], actions: game.actions[p], all: detail.all))  payoff \(ProfileJSON.format(payoffs[p]))"
                      + "  best-response gain \(ProfileJSON.format(gains[p]))")
            }
            print("  NashConv \(ProfileJSON.format(game.nashConv(profile))), exploitability \(ProfileJSON.format(game.exploitability(profile)))")
        }
    }

    /// `{"player": [p, ...], ...}` from the command line.
    static func strategyMap(_ text: String) throws -> [String: [Double]] {
        guard case .object(let members) = try JSONReader.parse(text, source: "--strategies").plain else {
            throw GymError.invalidArgument("--strategies must be a JSON object mapping each player to a list of probabilities, got \(text)")
        }
        var result: [String: [Double]] = [:]
        for (player, value) in members {
            guard let list = value.arrayValue, case let numbers = list.compactMap(\.doubleValue), numbers.count == list.count else {
                throw GymError.invalidArgument("--strategies: player '\(player)' needs a list of numbers")
            }
            result[player] = numbers
        }
        return result
    }
}
