import Foundation
import Gym
import GymAgents

/// The summary of a sweep or a comparison, from its runs' outcomes: one row per configuration (the final
/// evaluation's mean and standard deviation over seeds, and the training time summed over them), the mean
/// learning curves, and STEM.svg, STEM.csv and STEM.html in the sweep's directory.
public struct SweepReport {
    /// The runs of one configuration (or one agent, in a comparison).
    public struct Group {
        public let label: String
        public let outcomes: [RunOutcome]
        /// Runs planned for the configuration; more than `outcomes.count` when some failed.
        public let planned: Int

        public var failed: Int { planned - outcomes.count }
        /// The final evaluations' spread over the seeds that finished.
        public var finals: EvaluationRecord { EvaluationRecord(step: 0, returns: outcomes.map(\.finalMean)) }
        /// Training time summed over the seeds that finished.
        public var seconds: Double { outcomes.map(\.seconds).reduce(0, +) }
    }

    public let groups: [Group]
    public let seeds: Int

    /// Groups the finished runs (`outcomes` by run name) by `label`, in plan order.
    public init(plan: SweepPlan, outcomes: [String: RunOutcome], label: (SweepPlan.Run) -> String) {
        groups = plan.configurations.map { configuration in
            Group(label: label(configuration.runs[0]), outcomes: configuration.runs.compactMap { outcomes[$0.name] }, planned: configuration.runs.count)
        }
        seeds = plan.configurations.first?.runs.count ?? 0
    }

    public var header: [String] { ["final return (mean ± std over \(seeds) seeds)", "training time (summed over seeds)"] }

    /// One row per configuration; one whose runs all failed says so.
    public var rows: [[String]] {
        groups.map { group in
            guard !group.outcomes.isEmpty else { return [group.label, "failed", "-"] }
            let finals = group.finals
            return [group.label, String(format: "%.3f ± %.3f", finals.mean, finals.standardDeviation) + (group.failed > 0 ? " (\(group.failed) failed)" : ""),
                    String(format: "%.1f s", group.seconds)]
        }
    }

    /// A configuration's row as one JSON object.
    public func json(_ group: Group, key: String, environment: String, steps: Int) -> JSONValue {
        let finals = group.finals
        return .object([
            key: .string(group.label), "environment": .string(environment), "seeds": .number(Double(group.planned)),
            "steps": .number(Double(steps)), "final_mean": group.outcomes.isEmpty ? .null : .number(finals.mean),
            "final_std": group.outcomes.isEmpty ? .null : .number(finals.standardDeviation),
            "finals": .array(group.outcomes.map { .number($0.finalMean) }), "failed": .number(Double(group.failed)),
            "wall_seconds": .number(group.seconds),
        ])
    }

    /// The mean curve across a configuration's seeds, with a band of one standard deviation across them.
    public var series: [LearningCurve.Series] {
        groups.compactMap { group in
            guard let first = group.outcomes.first else { return nil }
            let points = first.curve.indices.map { k -> (step: Double, mean: Double, std: Double) in
                let record = EvaluationRecord(step: first.curve[k].step, returns: group.outcomes.map { $0.curve[k].mean })
                return (Double(record.step), record.mean, record.standardDeviation)
            }
            return LearningCurve.Series(label: group.label, points: points)
        }
    }

    /// Writes STEM.svg, STEM.csv (`column,seed,step,mean`: every evaluation of every run) and STEM.html.
    public func write(to directory: String, stem: String, column: String, title: String, subtitle: String, resolved: ResolvedEnvironment) throws {
        let curves = LearningCurve.svg(title: title, yLabel: "evaluation return (mean ± std over \(seeds) seeds)", series: series)
        try curves.write(toFile: "\(directory)/\(stem).svg", atomically: true, encoding: .utf8)
        var csv = "\(column),seed,step,mean\n"
        for group in groups {
            for outcome in group.outcomes { for point in outcome.curve { csv += "\(group.label),\(outcome.run.seed),\(point.step),\(point.mean)\n" } }
        }
        try csv.write(toFile: "\(directory)/\(stem).csv", atomically: true, encoding: .utf8)
        var page = ReportPage(title: title, subtitle: subtitle)
        page.add("curve", "Learning curves", .svg(curves))
        page.add("final", "Final evaluation", .table(header: [column] + header, rows: rows))
        let metadata = try resolved.make().metadata
        page.add("environment", "Environment", .paragraphs([metadata.title.isEmpty ? resolved.id : metadata.title, metadata.description,
                                                             "Source: \(resolved.spec.source)."]))
        try page.write(to: "\(directory)/\(stem).html")
    }
}
