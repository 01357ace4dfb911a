import Foundation
import Gym

/// Plain-text tables for terminal output.
enum Table {
    /// The columns padded to their widest cell. With `width`, a last column that would run past it is
    /// wrapped at spaces onto indented continuation lines.
    static func render(header: [String], rows: [[String]], width: Int? = nil) -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let indent = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        func line(_ row: [String]) -> String {
            let start = row.dropLast().enumerated().map { i, cell in cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) + "  " }.joined()
            guard let last = row.last else { return start }
            let room = width.map { $0 - indent } ?? Int.max
            return start + wrap(last, room: max(room, 20)).joined(separator: "\n" + String(repeating: " ", count: indent))
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// `text` in lines of at most `room` characters, broken at spaces (a longer word stands alone).
    static func wrap(_ text: String, room: Int) -> [String] {
        guard text.count > room else { return [text] }
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > room {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The terminal's width when standard output is one, else nil (output to a file or a pipe is not wrapped).
    static var terminalWidth: Int? {
        guard isatty(STDOUT_FILENO) != 0 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init)
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
