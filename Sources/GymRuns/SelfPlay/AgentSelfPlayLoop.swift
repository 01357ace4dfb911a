import Gym
import GymAgents
import GymGames
import GymNN

/// Where a self-play run of agents stands between two steps: the steps taken, the observations the
/// next step acts in, the policy sums of the current evaluation window and of the evaluations so far,
/// and the exploitability recorded. With the agents' training states and the game's snapshot, enough to
/// continue the run exactly (`gym train --resume`).
struct AgentSelfPlayLoop {
    var step = 0
    var observations: [String: Observation]
    /// Per player and action, the sum of the per-evaluation policies (the time-averaged policy's numerator).
    var averageSums: [[Double]]
    /// Per player and action, the sum of the policies played since the last evaluation.
    var windowSums: [[Double]]
    var pointCount = 0
    /// The policy of the last evaluation window.
    var current: StrategyProfile
    var points: [SelfPlayRun.Point] = []

    init(game: NormalFormGame, observations: [String: Observation]) {
        self.observations = observations
        averageSums = game.actionCounts.map { [Double](repeating: 0, count: $0) }
        windowSums = averageSums
        current = .uniform(game)
    }

    /// Writes the loop under `loop.` entries, every number exactly.
    func save(into checkpoint: inout Checkpoint, players: [String]) {
        checkpoint.set("loop.counters", ints: [step, pointCount])
        checkpoint.set("loop.average_sums", doubles: averageSums.flatMap { $0 })
        checkpoint.set("loop.window_sums", doubles: windowSums.flatMap { $0 })
        checkpoint.set("loop.current", doubles: current.strategies.flatMap { $0 })
        for player in players { checkpoint.set("loop.observation.\(player)", observation: observations[player]!) }
        checkpoint.set("loop.points", ints: points.map(\.step))
        checkpoint.set("loop.points.exploitability", doubles: points.flatMap { [$0.average, $0.current] })
    }

    /// Reads what `save(into:players:)` wrote for `game`.
    /// - Throws: `CheckpointError` for a missing or inconsistent entry.
    init(from checkpoint: Checkpoint, game: NormalFormGame) throws {
        let counters = try checkpoint.ints("loop.counters", count: 2)
        let total = game.actionCounts.reduce(0, +)
        func rows(_ flat: [Double]) -> [[Double]] {
            var offset = 0
            return game.actionCounts.map { n in defer { offset += n }; return Array(flat[offset ..< offset + n]) }
        }
        let stepsRecorded = try checkpoint.ints("loop.points")
        let exploitability = try checkpoint.doubles("loop.points.exploitability", count: 2 * stepsRecorded.count)
        guard counters.allSatisfy({ $0 >= 0 }), counters[1] == stepsRecorded.count else {
            throw CheckpointError.mismatch("the self-play loop's counters are damaged")
        }
        (step, pointCount) = (counters[0], counters[1])
        averageSums = rows(try checkpoint.doubles("loop.average_sums", count: total))
        windowSums = rows(try checkpoint.doubles("loop.window_sums", count: total))
        current = StrategyProfile(rows(try checkpoint.doubles("loop.current", count: total)))
        observations = try Dictionary(uniqueKeysWithValues: game.players.map { ($0, try checkpoint.observation("loop.observation.\($0)")) })
        points = stepsRecorded.indices.map { SelfPlayRun.Point(step: stepsRecorded[$0], average: exploitability[2 * $0], current: exploitability[2 * $0 + 1]) }
    }
}
