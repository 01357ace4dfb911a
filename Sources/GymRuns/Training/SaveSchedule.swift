import Foundation

/// When a training run rewrites its files between evaluations (agent.ckpt, run.json, metrics.csv and
/// resume.ckpt): at its first evaluation, then at an evaluation only once `interval` seconds have passed
/// since the last write, so that a run of short, fast episodes does not spend its time flushing files to
/// disk. A run killed outright loses at most that much training; a stopped or finished one writes
/// everything at its end, whatever the schedule.
final class SaveSchedule {
    let interval: TimeInterval
    private var last: Date?
    /// Whether the latest evaluation's files are written.
    private(set) var due = true

    init(interval: TimeInterval) { self.interval = interval }

    /// Decides, at an evaluation, whether its files are written; `now` is the evaluation's time.
    @discardableResult
    func evaluation(at now: Date = Date()) -> Bool {
        due = last.map { now.timeIntervalSince($0) >= interval } ?? true
        if due { last = now }
        return due
    }
}
