import Foundation
import Gym
import GymGames
import GymNN

/// The policies a self-play run learned, in DIR/agent.ckpt: every player's average and current
/// policy, as exact doubles, with the game, the learner and the run's seed (in decimal, all 64 bits) recorded.
public enum GameCheckpoint {
    static let kind = "self-play"

    static func save(average: StrategyProfile, current: StrategyProfile, game: NormalFormGame, environmentID: String,
                     learner: String, seed: UInt64, iterations: Int, learningState: [Double]?, to path: String) throws {
        var checkpoint = Checkpoint(metadata: [
            "kind": kind, "environment": environmentID, "learner": learner, "seed": "\(seed)", "iterations": "\(iterations)",
            "players": JSONValue.array(game.players.map { .string($0) }).encoded(),
        ])
        for p in game.players.indices {
            checkpoint.set("average.\(game.players[p])", words: average[p].map(\.bitPattern))
            checkpoint.set("current.\(game.players[p])", words: current[p].map(\.bitPattern))
        }
        if let learningState { checkpoint.set("learning_state", words: learningState.map(\.bitPattern)) }
        try checkpoint.write(to: path)
    }

    /// Whether `checkpoint` holds self-play policies rather than one agent.
    public static func holdsPolicies(_ checkpoint: Checkpoint) -> Bool { checkpoint.metadata["kind"] == kind }

    /// The average and current profiles, checked against `game`.
    /// - Throws: `CheckpointError` for a missing entry; `GameError` for a profile that does not fit the game.
    public static func profiles(_ checkpoint: Checkpoint, game: NormalFormGame, path: String) throws -> (average: StrategyProfile, current: StrategyProfile) {
        func profile(_ which: String) throws -> StrategyProfile {
            let strategies = try game.players.indices.map { p in
                try checkpoint.words("\(which).\(game.players[p])", count: game.actions[p].count).map(Double.init(bitPattern:))
            }
            let result = StrategyProfile(strategies)
            try result.validate(in: game)
            return result
        }
        return (try profile("average"), try profile("current"))
    }
}
