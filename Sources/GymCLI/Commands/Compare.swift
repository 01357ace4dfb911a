import ArgumentParser
import Foundation
import Gym
import GymAgents

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several agents on one environment over several seeds; print a table and write one SVG with all curves.",
        discussion: """
            Each agent is trained on seeds 0..<--seeds with the same budget; each run is a `gym train` of its own, \
            in DIR/runs/AGENT-seedS. The table gives the mean final greedy evaluation across seeds with its standard \
            deviation, and the training time summed over seeds. --set key=value applies to every agent; \
            --set agent.key=value to one (dqn.learning_rate=0.001). Writes DIR/compare.svg, DIR/compare.csv and \
            DIR/compare.html. Run again into the same DIR, it keeps the runs that finished with the same arguments \
            and makes the rest. With --ray ADDRESS each run is a Ray task on a cluster (see `gym sweep --help`). \
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

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
    }

    func run() throws {
        let names = agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names { _ = try AgentRegistry.factory(name) }
        let resolved = try environment.resolve()
        let id = resolved.id, steps = training.steps
        let directory = out ?? "runs/compare-\(id)"
        let plan = SweepPlan(environment: environment, agents: names, seeds: seeds, settings: try training.settingValues(), grid: [],
                             training: training, directory: directory)
        try plan.checkSettingNames()
        let results = try plan.make(with: cluster.executor, quiet: output.json)
        let report = SweepReport(plan: plan, outcomes: results.outcomes) { $0.agent }
        if output.json {
            for group in report.groups { print(report.json(group, key: "agent", environment: id, steps: steps).encoded()) }
        } else {
            print(Table.render(header: ["agent"] + report.header, rows: report.rows))
        }
        try report.write(to: directory, stem: "compare", column: "agent", title: "\(id): \(names.joined(separator: ", ")) over \(seeds) seeds",
                         subtitle: "\(steps) steps each, seeds 0 to \(seeds - 1), \(training.evaluationEpisodes) evaluation episodes per point; written by gym compare",
                         resolved: resolved)
        if !output.json { print("wrote \(directory)/compare.html, compare.svg and compare.csv; the runs are in \(directory)/runs") }
        try Sweep.failIfAny(results, of: plan)
    }
}
