import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymRuns

/// One `gym sweep` or `gym compare`: plans the runs, makes them (here or on Ray), prints the table, writes
/// the summary files, and fails with exit status 1 when a run failed twice.
struct SweepInvocation {
    /// Which command: `compare` has no grid, and its rows and files are named after the agents.
    enum Command: String {
        case sweep, compare
    }

    let command: Command
    let options: SweepOptions
    let grid: [SweepPlan.Axis]

    func run() throws {
        let names = options.agentNames, seeds = options.seeds, training = options.training, json = options.output.json
        for name in names { _ = try AgentRegistry.factory(name) }
        let resolved = try options.environment.resolve()
        let id = resolved.id, steps = training.stepCount
        let directory = options.out ?? "runs/\(command.rawValue)-\(id)"
        let plan = SweepPlan(environment: options.environment, agents: names, seeds: seeds, settings: try training.settingValues(),
                             grid: grid, training: training, directory: directory)
        try plan.checkSettingNames()
        if !json {
            print("\(command.rawValue): \(plan.runs.count) runs (\(plan.configurations.count) configurations × \(seeds) seeds) of \(steps) steps on \(id)"
                  + (options.cluster.ray.map { ", as Ray tasks on \($0)" } ?? ", here, one after another"))
        }
        let results = try plan.make(with: options.cluster.executor, quiet: json)
        let column = command == .compare ? "agent" : "configuration"
        let report = SweepReport(plan: plan, outcomes: results.outcomes) { command == .compare ? $0.agent : $0.configuration }
        if json {
            for group in report.groups { print(report.json(group, key: column, environment: id, steps: steps).encoded()) }
        } else {
            print(Table.render(header: [column] + report.header, rows: report.rows))
            print(String(format: "%d runs in %.1f s: %.1f runs per minute", results.outcomes.count, results.seconds,
                         Double(results.outcomes.count) * 60 / max(results.seconds, 1e-9)))
        }
        let stem = command.rawValue
        try report.write(to: directory, stem: stem, column: column, title: "\(id): \(names.joined(separator: ", ")) over \(seeds) seeds",
                         subtitle: "\(steps) steps each, seeds 0 to \(seeds - 1), \(training.evaluationEpisodes) evaluation episodes per point; written by gym \(stem)",
                         resolved: resolved)
        if !json { print("wrote \(directory)/\(stem).html, \(stem).svg and \(stem).csv; the runs are in \(directory)/runs") }
        guard results.failures.isEmpty else {
            printError("\(results.failures.count) of \(plan.runs.count) runs failed twice: "
                       + results.failures.keys.sorted().map { "\($0) (\(results.failures[$0]!))" }.joined(separator: "; "))
            throw ExitCode(1)
        }
    }
}
