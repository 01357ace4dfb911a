import ArgumentParser
import Foundation
import Gym
import GymAgents

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several agents on one environment over several seeds; print a table and write one SVG with all curves.",
        discussion: """
            Each agent is trained on seeds 0..<--seeds with the same budget. The table gives the mean final greedy \
            evaluation across seeds with its standard deviation, and the wall time. --set key=value applies to every \
            agent; --set agent.key=value to one (dqn.learning_rate=0.001). Writes DIR/compare.svg and DIR/compare.csv. \
            With --json each agent's row is one JSON object.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Comma-separated agent names.")
    var agents: String

    @Option(help: "Seeds per agent.")
    var seeds: Int = 5

    @OptionGroup var training: TrainingOptions

    @Option(help: "Output directory (default runs/compare-ENV).")
    var out: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
    }

    /// The settings for agent `name`: unprefixed keys go to every agent, `name.key` to this one.
    static func settings(for name: String, in all: [String: String]) -> Settings {
        var mine: [String: String] = [:]
        for (key, value) in all {
            if let dot = key.firstIndex(of: ".") {
                if key[..<dot] == name { mine[String(key[key.index(after: dot)...])] = value }
            } else {
                mine[key] = value
            }
        }
        return Settings(mine)
    }

    func run() throws {
        let names = agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names { _ = try AgentRegistry.factory(name) }
        let all = try training.settingValues()
        let resolved = try environment.resolve()
        let id = resolved.id, steps = training.steps
        let directory = out ?? "runs/compare-\(id)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rows: [[String]] = [], series: [LearningCurve.Series] = []
        var csv = "agent,seed,step,mean\n"
        for name in names {
            var finals: [Double] = [], curves: [[EvaluationRecord]] = []
            let start = Date()
            for seed in 0..<seeds {
                let env = try resolved.make(), evaluationEnv = try resolved.make()
                let agent = try AgentRegistry.make(name, context: AgentContext(environment: env, seed: UInt64(seed), totalSteps: steps,
                                                                               settings: Compare.settings(for: name, in: all)))
                let trainer = Trainer(options: Trainer.Options(steps: steps, seed: UInt64(seed), evaluationEpisodes: training.evaluationEpisodes))
                try resolved.train(agent, with: trainer, on: env, evaluationEnvironment: evaluationEnv)
                finals.append(trainer.evaluations.last!.mean)
                curves.append(trainer.evaluations)
                for e in trainer.evaluations { csv += "\(name),\(seed),\(e.step),\(e.mean)\n" }
                if !output.json { print("  \(name) seed \(seed): final evaluation \(String(format: "%.3f", trainer.evaluations.last!.mean))") }
            }
            let seconds = Date().timeIntervalSince(start)
            let across = EvaluationRecord(step: steps, returns: finals)
            if output.json {
                print(JSONValue.object([
                    "agent": .string(name), "environment": .string(id), "seeds": .number(Double(seeds)), "steps": .number(Double(steps)),
                    "final_mean": .number(across.mean), "final_std": .number(across.standardDeviation),
                    "finals": .array(finals.map { .number($0) }), "wall_seconds": .number(seconds),
                ]).encoded())
            }
            rows.append([name, String(format: "%.3f ± %.3f", across.mean, across.standardDeviation), String(format: "%.1f s", seconds)])
            // The mean curve across seeds, with a band of one standard deviation across seeds.
            let points = curves[0].indices.map { k -> (step: Double, mean: Double, std: Double) in
                let record = EvaluationRecord(step: curves[0][k].step, returns: curves.map { $0[k].mean })
                return (Double(record.step), record.mean, record.standardDeviation)
            }
            series.append(LearningCurve.Series(label: name, points: points))
        }
        let header = ["agent", "final return (mean ± std over \(seeds) seeds)", "time"]
        if !output.json { print(Table.render(header: header, rows: rows)) }
        let curves = LearningCurve.svg(title: "\(id): \(names.joined(separator: ", ")) over \(seeds) seeds",
                                       yLabel: "evaluation return (mean ± std over \(seeds) seeds)", series: series)
        try curves.write(toFile: directory + "/compare.svg", atomically: true, encoding: .utf8)
        try csv.write(toFile: directory + "/compare.csv", atomically: true, encoding: .utf8)
        var page = ReportPage(title: "\(names.joined(separator: ", ")) on \(id)",
                              subtitle: "\(steps) steps each, seeds 0 to \(seeds - 1), \(training.evaluationEpisodes) evaluation episodes per point; written by gym compare")
        page.add("curve", "Learning curves", .svg(curves))
        page.add("final", "Final evaluation", .table(header: header, rows: rows))
        let metadata = try resolved.make().metadata
        page.add("environment", "Environment", .paragraphs([metadata.title.isEmpty ? id : metadata.title, metadata.description,
                                                             "Source: \(resolved.spec.source)."]))
        try page.write(to: directory + "/compare.html")
        if !output.json { print("wrote \(directory)/compare.html, compare.svg and compare.csv") }
    }
}
