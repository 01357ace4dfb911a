import Foundation
import Gym
import GymGames

/// report.html of a self-play run: the exploitability curve, the final policies with their
/// exploitability, the settings, the game's description and its payoff table.
extension SelfPlayRun {
    func writeReport(game: NormalFormGame, curve: String, points: [Point],
                     final: (average: StrategyProfile, current: StrategyProfile), seconds: Double) throws {
        var page = ReportPage(title: "\(learners.joined(separator: ", ")) self-play on \(resolved.id)",
                              subtitle: "seed \(seed), \(points.last?.step ?? 0) of \(steps) steps" + (sampled ? ", sampled rounds" : "")
                                + String(format: ", %.2f s; written by gym train", seconds))
        page.add("curve", "Exploitability", .svg(curve))
        var rows: [[String]] = []
        if let last = points.last {
            rows.append(["exploitability of the average policy (NashConv / players; 0 at an equilibrium)", String(format: "%.6f", last.average)])
            rows.append(["exploitability of the current policy", String(format: "%.6f", last.current)])
        }
        for p in game.players.indices {
            rows.append(["\(game.players[p]): average policy", ProfileJSON.text(final.average[p], actions: game.actions[p])])
            rows.append(["\(game.players[p]): current policy", ProfileJSON.text(final.current[p], actions: game.actions[p])])
        }
        page.add("final", "Final policies", .table(header: ["quantity", "value"], rows: rows))
        page.add("settings", "Settings", .table(header: ["setting", "value"],
                                                rows: settings.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }))
        let env = try resolved.makeGame()
        page.add("environment", "Game", .paragraphs([env.metadata.title.isEmpty ? resolved.id : env.metadata.title, env.metadata.description,
                                                     "Source: \(resolved.spec.source)."]))
        _ = try env.reset(seed: seed, options: .none)
        if let picture = env.picture() { page.add("animation", "Payoffs", .svg(picture.svg)) }
        try page.write(to: directory + "/report.html")
    }
}
