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
            agent; --set agent.key=value to one (dqn.learning_rate=0.001). Writes DIR/compare.svg and DIR/compare.csv.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Comma-separated agent names.")
    var agents: String

    @Option(help: "Seeds per agent.")
    var seeds: Int = 5

    @Option(help: "Environment steps per run.")
    var steps: Int = 50_000

    @Option(name: .customLong("set"), help: ArgumentHelp("A hyperparameter: key=value or agent.key=value (repeatable).", valueName: "key=value"))
    var settings: [String] = []

    @Option(help: "Output directory (default runs/compare-ENV).")
    var out: String?

    @Option(name: .customLong("eval-episodes"), help: "Greedy episodes per evaluation.")
    var evaluationEpisodes: Int = 5

    func validate() throws {
        guard seeds > 0, steps > 0, evaluationEpisodes > 0 else { throw ValidationError("--seeds, --steps and --eval-episodes must be positive") }
    }

    func run() throws {
        let names = agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names where !AgentRegistry.names.contains(name) {
            throw GymError.invalidArgument("unknown agent '\(name)'; available: \(AgentRegistry.names.joined(separator: ", "))")
        }
        let all = try Settings.parse(settings).values
        let probe = try environment.make()
        let id = probe.metadata.id ?? environment.environment
        let directory = out ?? "runs/compare-\(id)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rows: [[String]] = [], series: [LearningCurve.Series] = []
        var csv = "agent,seed,step,mean\n"
        for name in names {
            // Unprefixed settings go to every agent; "name.key" to this one.
            var mine: [String: String] = [:]
            for (key, value) in all {
                if let dot = key.firstIndex(of: ".") {
                    if key[..<dot] == name { mine[String(key[key.index(after: dot)...])] = value }
                } else {
                    mine[key] = value
                }
            }
            var finals: [Double] = [], curves: [[EvaluationRecord]] = []
            let start = Date()
            for seed in 0..<seeds {
                let env = try environment.make(), evaluationEnv = try environment.make()
                let agent = try AgentRegistry.make(name, context: AgentContext(environment: env, seed: UInt64(seed), totalSteps: steps, settings: Settings(mine)))
                let trainer = Trainer(options: Trainer.Options(steps: steps, seed: UInt64(seed), evaluationEpisodes: evaluationEpisodes))
                try trainer.run(agent: agent, environment: env, evaluationEnvironment: evaluationEnv)
                finals.append(trainer.evaluations.last!.mean)
                curves.append(trainer.evaluations)
                for e in trainer.evaluations { csv += "\(name),\(seed),\(e.step),\(e.mean)\n" }
                print("  \(name) seed \(seed): final evaluation \(String(format: "%.3f", trainer.evaluations.last!.mean))")
            }
            let seconds = Date().timeIntervalSince(start)
            let across = EvaluationRecord(step: steps, returns: finals)
            rows.append([name, String(format: "%.3f ± %.3f", across.mean, across.standardDeviation), String(format: "%.1f s", seconds)])
            // The mean curve across seeds, with a band of one standard deviation across seeds.
            let points = curves[0].indices.map { k -> (step: Double, mean: Double, std: Double) in
                let record = EvaluationRecord(step: curves[0][k].step, returns: curves.map { $0[k].mean })
                return (Double(record.step), record.mean, record.standardDeviation)
            }
            series.append(LearningCurve.Series(label: name, points: points))
        }
        print(Table.render(header: ["agent", "final return (mean ± std over \(seeds) seeds)", "time"], rows: rows))
        try LearningCurve.svg(title: "\(id): \(names.joined(separator: ", ")) over \(seeds) seeds", series: series)
            .write(toFile: directory + "/compare.svg", atomically: true, encoding: .utf8)
        try csv.write(toFile: directory + "/compare.csv", atomically: true, encoding: .utf8)
        print("wrote \(directory)/compare.svg and compare.csv")
    }
}
