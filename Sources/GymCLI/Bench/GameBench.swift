import Foundation
import Gym
import GymGames

/// Game solving on a random zero-sum game: the linear program's time, and how long each no-regret
/// learner's average takes to reach an exploitability target. The game is `size` × `size` with
/// payoffs uniform in [-1, 1] from a fixed seed, so every run measures the same game.
struct GameBench {
    var size = 100
    var target = 1e-3
    /// The most iterations a learner gets before it is reported as not having reached the target.
    var maxIterations = 2_000_000

    func run(_ report: BenchReport) throws {
        var rng = RandomSource(seed: 2026)
        let payoff = (0..<size).map { _ in (0..<size).map { _ in 2 * rng.nextDouble() - 1 } }
        let game = try NormalFormGame.zeroSum(players: ["row", "column"], actions: [(0..<size).map { "r\($0)" }, (0..<size).map { "c\($0)" }],
                                              payoff: payoff)
        let (solution, lpSeconds) = try timed { try ZeroSumSolver.solve(game) }
        let lpExploitability = game.exploitability(solution.equilibria[0].profile)
        var rows = [[solution.method, String(format: "%.4f s", lpSeconds), "-", String(format: "%.2e", lpExploitability)]]
        var records: [[String: JSONValue]] = [["game_size": .number(Double(size)), "method": "linear-program", "seconds": .number(lpSeconds),
                                               "exploitability": .number(lpExploitability), "value": .number(solution.value ?? .nan)]]
        for kind in [GameLearnerKind.regretMatching, .regretMatchingPlus] {
            var learning = GameLearning(game: game, kind: kind)
            var exploitability = Double.infinity
            let start = Date()
            while learning.iterations < maxIterations {
                for _ in 0..<100 { learning.iterate() }
                exploitability = game.exploitability(learning.average)
                if exploitability <= target { break }
            }
            let seconds = Date().timeIntervalSince(start)
            let reached = exploitability <= target
            rows.append(["\(kind.rawValue), average to \(target)", String(format: "%.3f s", seconds) + (reached ? "" : " (not reached)"),
                         "\(learning.iterations)", String(format: "%.2e", exploitability)])
            records.append(["game_size": .number(Double(size)), "method": .string(kind.rawValue), "seconds": .number(seconds),
                            "iterations": .number(Double(learning.iterations)), "exploitability": .number(exploitability),
                            "reached_target": .bool(reached), "ratio_to_linear_program": .number(seconds / lpSeconds)])
        }
        report.section("random \(size)x\(size) zero-sum game (payoffs uniform in [-1, 1], seed 2026)",
                       header: ["method", "wall time", "iterations", "exploitability"], rows: rows, records: records)
    }
}
