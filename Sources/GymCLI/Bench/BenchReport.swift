import Foundation
import Gym

/// Collects `gym bench` measurements and prints them as tables or, with --json, one JSON object each.
final class BenchReport {
    let json: Bool
    private var stepRows: [[String]] = []

    static var buildMode: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    init(json: Bool) { self.json = json }

    /// An environment stepping rate and its ratio to the raw environment's, measured in the same
    /// turns; printed together by `printSteps`.
    func steps(_ id: String, _ variant: String, _ rate: Double, ofRaw ratio: Double?) {
        if json {
            var fields: [String: JSONValue] = ["id": .string(id), "variant": .string(variant), "steps_per_second": .number(rate.rounded())]
            if let ratio { fields["ratio_to_raw"] = .number((ratio * 1000).rounded() / 1000) }
            emit(fields)
        } else {
            stepRows.append([id, variant, String(format: "%.0f", rate), ratio.map { String(format: "%.0f%%", 100 * $0) } ?? ""])
        }
    }

    func printSteps() {
        if !json && !stepRows.isEmpty { print(Table.render(header: ["environment", "variant", "steps/s", "of raw"], rows: stepRows)) }
    }

    /// A section of named results: `fields` go to the JSON object, `rows` to the table.
    func section(_ title: String, header: [String], rows: [[String]], records: [[String: JSONValue]]) {
        if json {
            for record in records { emit(record) }
        } else {
            print("")
            print(title)
            print(Table.render(header: header, rows: rows))
        }
    }

    private func emit(_ fields: [String: JSONValue]) {
        print(JSONValue.object(fields.merging(["build": .string(BenchReport.buildMode)]) { a, _ in a }).encoded())
    }
}
