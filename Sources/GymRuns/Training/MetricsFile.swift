import Foundation
import Gym
import GymAgents

/// DIR/metrics.csv of a `gym train` run: the episode log (`EpisodeLog`), a row per log interval, in
/// `step,episode,return,length,episodes,return_min,return_max` and then the agent's statistics in
/// alphabetical order (empty where a row has none). `return` and `length` are means over the row's
/// episodes; `step` and `episode` are those of its last one. Numbers are written in Swift's shortest
/// form that reads back exactly, so that a resumed run can take the rows back from the file.
enum MetricsFile {
    static let fixedColumns = ["step", "episode", "return", "length", "episodes", "return_min", "return_max"]

    /// The file's text for `rows`.
    static func text(_ rows: [EpisodeLog.Row]) -> String {
        let keys = Set(rows.flatMap { $0.statistics.keys }).sorted()
        var text = (fixedColumns + keys).joined(separator: ",") + "\n"
        for r in rows {
            text += "\(r.step),\(r.episode),\(r.meanReturn),\(r.meanLength),\(r.episodes),\(r.minReturn),\(r.maxReturn)"
            for key in keys { text += "," + (r.statistics[key].map { "\($0)" } ?? "") }
            text += "\n"
        }
        return text
    }

    /// Writes the log's rows so far, the pending one included, to `path` (atomically).
    static func write(_ log: EpisodeLog, to path: String) throws {
        try text(log.allRows).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The first `count` rows of the file at `path`: the history a resumed run goes on from.
    /// - Throws: `GymError.invalidArgument` naming the file and line for a missing file, another header, a
    ///   malformed row, or fewer rows than `count`.
    static func rows(in path: String, count: Int) throws -> [EpisodeLog.Row] {
        guard count > 0 else { return [] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GymError.invalidArgument("\(path): no such file; the run's first \(count) rows of episodes are needed to resume it")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard Array(header.prefix(fixedColumns.count)) == fixedColumns else {
            throw GymError.invalidArgument("\(path): line 1 is not the header \(fixedColumns.joined(separator: ",")),...; "
                + "the run was written by another version of gym train, which resume.ckpt does not fit")
        }
        let keys = header.dropFirst(fixedColumns.count)
        let rows = try lines.dropFirst().prefix(count).enumerated().filter { !$0.element.isEmpty }.map { index, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            func bad() -> GymError { .invalidArgument("\(path): line \(index + 2) is not a row of \(header.count) numbers: \(line)") }
            guard fields.count == header.count,
                  let step = Int(fields[0]), let episode = Int(fields[1]), let meanReturn = Double(fields[2]), let meanLength = Double(fields[3]),
                  let episodes = Int(fields[4]), let minReturn = Double(fields[5]), let maxReturn = Double(fields[6]) else { throw bad() }
            var statistics: [String: Double] = [:]
            for (key, field) in zip(keys, fields.dropFirst(fixedColumns.count)) where !field.isEmpty {
                guard let value = Double(field) else { throw bad() }
                statistics[key] = value
            }
            return EpisodeLog.Row(step: step, episode: episode, episodes: episodes, meanReturn: meanReturn, minReturn: minReturn,
                                  maxReturn: maxReturn, meanLength: meanLength, statistics: statistics)
        }
        guard rows.count == count else {
            throw GymError.invalidArgument("\(path): \(rows.count) rows of episodes, but resume.ckpt follows \(count)")
        }
        return rows
    }
}
