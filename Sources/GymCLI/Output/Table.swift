import Foundation
import Gym

/// Plain-text tables for terminal output.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A sum of rewards for people to read: 10 significant digits, so that 10 rewards of -0.04 show as -0.4
/// rather than the sum's rounding error (-0.4000000000000001). Machine-readable output keeps every digit.
func formatReturn(_ total: Double) -> String {
    total.isFinite ? String(format: "%.10g", total) : JSONValue.format(total)
}
