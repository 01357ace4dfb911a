import ArgumentParser
import Foundation
import Gym
import GymAgents

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train every agent at every point of a settings grid over several seeds, here or as Ray tasks on a cluster.",
        discussion: """
            A run is an agent, a grid point and a seed: one `gym train` of its own, in DIR/runs/NAME \
            (ppo-learning_rate=0.001-seed0). --grid key=v1,v2 is an axis of the grid (repeatable; key may be \
            agent.key for one agent); --set key=value fixes a setting for every run. The table gives each \
            configuration's mean final greedy evaluation across seeds with its standard deviation, and its \
            training time summed over seeds. Writes DIR/sweep.svg, DIR/sweep.csv and DIR/sweep.html. \
            Run again into the same DIR, it keeps the runs that finished with the same arguments and makes the rest. \
            With --ray ADDRESS every run is a Ray task that runs `gym train` on whichever node has a free CPU, and its \
            directory comes back here; a seeded run gives the same files as here. The driver is \
            `python -m swiftgym.cluster` in the Python --python names, which needs ray and swiftgym; every node needs \
            this gym executable at the same path. A run that fails, or whose worker is killed, is reported by name and \
            tried once more; the other runs are kept, and the exit status is 1. See Specs/cluster.md.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Comma-separated agent names.")
    var agents: String

    @Option(help: "Seeds per configuration (0..<N).")
    var seeds: Int = 3

    @Option(help: ArgumentHelp("An axis of the grid: --grid key=v1,v2,... (repeatable; agent.key for one agent).", valueName: "key=values"))
    var grid: [String] = []

    @OptionGroup var training: TrainingOptions

    @Option(help: "Output directory (default runs/sweep-ENV).")
    var out: String?

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
    }

    /// The grid's axes, in the order given.
    func axes() throws -> [SweepPlan.Axis] {
        var axes: [SweepPlan.Axis] = []
        for (key, text) in try assignments(grid, form: "key=v1,v2,...", what: "grid axis") {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !values.contains(where: \.isEmpty) else { throw AssignmentError(item: "\(key)=\(text)", what: "grid axis", form: "key=v1,v2,...") }
            if axes.contains(where: { $0.key == key }) { throw GymError.invalidArgument("--grid \(key) is given twice; give all its values in one --grid") }
            axes.append(SweepPlan.Axis(key: key, values: values))
        }
        return axes
    }

    func run() throws {
        let names = agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names { _ = try AgentRegistry.factory(name) }
        let resolved = try environment.resolve()
        let id = resolved.id, steps = training.steps
        let directory = out ?? "runs/sweep-\(id)"
        let plan = SweepPlan(environment: environment, agents: names, seeds: seeds, settings: try training.settingValues(), grid: try axes(),
                             training: training, directory: directory)
        if !output.json {
            print("sweep: \(plan.runs.count) runs (\(plan.configurations.count) configurations × \(seeds) seeds) of \(steps) steps on \(id)"
                  + (cluster.ray.map { ", as Ray tasks on \($0)" } ?? ", here, one after another"))
        }
        try plan.checkSettingNames()
        let results = try plan.make(with: cluster.executor, quiet: output.json)
        let report = SweepReport(plan: plan, outcomes: results.outcomes) { $0.configuration }
        if output.json {
            for group in report.groups { print(report.json(group, key: "configuration", environment: id, steps: steps).encoded()) }
        } else {
            print(Table.render(header: ["configuration"] + report.header, rows: report.rows))
            print(String(format: "%d runs in %.1f s: %.1f runs per minute", results.outcomes.count, results.seconds,
                         Double(results.outcomes.count) * 60 / max(results.seconds, 1e-9)))
        }
        try report.write(to: directory, stem: "sweep", column: "configuration", title: "\(id): \(names.joined(separator: ", ")) over \(seeds) seeds",
                         subtitle: "\(steps) steps each, seeds 0 to \(seeds - 1), \(training.evaluationEpisodes) evaluation episodes per point; written by gym sweep",
                         resolved: resolved)
        if !output.json { print("wrote \(directory)/sweep.html, sweep.svg and sweep.csv; the runs are in \(directory)/runs") }
        try Sweep.failIfAny(results, of: plan)
    }

    /// Exit status 1, after the report of the runs that finished, when any run failed twice.
    static func failIfAny(_ results: SweepPlan.Results, of plan: SweepPlan) throws {
        guard !results.failures.isEmpty else { return }
        printError("\(results.failures.count) of \(plan.runs.count) runs failed twice: "
                   + results.failures.keys.sorted().map { "\($0) (\(results.failures[$0]!))" }.joined(separator: "; "))
        throw ExitCode(1)
    }
}
