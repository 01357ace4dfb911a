import GymNN

/// A run's training episodes, summarised a row per `interval` steps, as SB3's logger writes one row every
/// `log_interval`: the log grows with the run's length over the interval, not with its episodes, so a
/// million steps of a two-step game make about as many rows as a million steps of a long one.
///
/// Contract: the rows depend only on `interval` and the episodes recorded, in order. The episodes that end
/// in the same window of steps, `(k - 1) * interval + 1 ... k * interval`, make one row; a window in which
/// no episode ends makes none. A row is closed (`rows`) once an episode ends in a later window; until
/// then its episodes are `pending`. So a run cut anywhere and continued from its saved log
/// (`save(into:)`, `init(from:rows:)`) records the very rows of the run left alone.
public struct EpisodeLog {
    /// One row: the episodes that ended in one window of steps.
    public struct Row: Equatable {
        /// The step at which the row's last episode ended, and that episode's number (from 1, over the run).
        public var step: Int
        public var episode: Int
        /// How many episodes the row summarises (1 where episodes are longer than the interval).
        public var episodes: Int
        /// The mean of their returns, the lowest and the highest.
        public var meanReturn: Double
        public var minReturn: Double
        public var maxReturn: Double
        /// The mean of their lengths.
        public var meanLength: Double
        /// The agent's training statistics (losses, epsilon, ...) when the row's last episode ended.
        public var statistics: [String: Double]

        public init(step: Int, episode: Int, episodes: Int, meanReturn: Double, minReturn: Double, maxReturn: Double,
                    meanLength: Double, statistics: [String: Double]) {
            (self.step, self.episode, self.episodes) = (step, episode, episodes)
            (self.meanReturn, self.minReturn, self.maxReturn, self.meanLength) = (meanReturn, minReturn, maxReturn, meanLength)
            self.statistics = statistics
        }
    }

    /// The episodes of the window not yet closed, as running sums.
    struct Window: Equatable {
        var count = 0
        var returnSum = 0.0
        var minReturn = Double.infinity
        var maxReturn = -Double.infinity
        var lengthSum = 0
        var lastStep = 0
        var statistics: [String: Double] = [:]
    }

    /// Steps per window (at least 1).
    public let interval: Int
    /// The closed rows, in step order.
    public private(set) var rows: [Row] = []
    /// Every episode recorded, in the closed rows and pending.
    public private(set) var episodeCount = 0
    private var window = Window()

    public init(interval: Int) {
        self.interval = max(interval, 1)
    }

    /// Records an episode that ended at training step `step` (counting from 1, in increasing order).
    public mutating func record(step: Int, return episodeReturn: Double, length: Int, statistics: [String: Double]) {
        if window.count > 0 && (step - 1) / interval != (window.lastStep - 1) / interval { close() }
        episodeCount += 1
        window.count += 1
        window.returnSum += episodeReturn
        window.minReturn = min(window.minReturn, episodeReturn)
        window.maxReturn = max(window.maxReturn, episodeReturn)
        window.lengthSum += length
        window.lastStep = step
        window.statistics = statistics
    }

    /// The row of the episodes of the open window; nil when there are none.
    public var pending: Row? {
        guard window.count > 0 else { return nil }
        let n = Double(window.count)
        return Row(step: window.lastStep, episode: episodeCount, episodes: window.count, meanReturn: window.returnSum / n,
                   minReturn: window.minReturn, maxReturn: window.maxReturn, meanLength: Double(window.lengthSum) / n,
                   statistics: window.statistics)
    }

    /// The closed rows and the pending one: what the run has recorded so far.
    public var allRows: [Row] { rows + (pending.map { [$0] } ?? []) }

    /// The mean return of the latest episodes, for progress lines: those of the pending row and of as many
    /// of the latest closed rows as make at least `recentEpisodes` episodes (or all there are).
    public var recentMeanReturn: Double? {
        var episodes = 0, sum = 0.0
        for row in (pending.map { [$0] } ?? []) + rows.reversed() {
            episodes += row.episodes
            sum += row.meanReturn * Double(row.episodes)
            if episodes >= Self.recentEpisodes { break }
        }
        return episodes == 0 ? nil : sum / Double(episodes)
    }

    /// The episodes `recentMeanReturn` averages at least.
    public static let recentEpisodes = 20

    private mutating func close() {
        if let row = pending { rows.append(row) }
        window = Window()
    }
}

extension EpisodeLog {
    /// Writes the log under `NAME.` entries: the interval, the counts and the open window, every number
    /// exactly, but not the closed rows, which are the run's history (its metrics file holds them).
    public func save(into checkpoint: inout Checkpoint, as name: String) {
        checkpoint.set(name + ".counters", ints: [interval, rows.count, episodeCount, window.count, window.lengthSum, window.lastStep])
        checkpoint.set(name + ".window", doubles: [window.returnSum, window.minReturn, window.maxReturn])
        let keys = window.statistics.keys.sorted()
        checkpoint.metadata[name + ".statistics.keys"] = keys.joined(separator: ",")
        checkpoint.set(name + ".statistics", doubles: keys.map { window.statistics[$0]! })
    }

    /// Whether `checkpoint` holds a log under `NAME.`.
    public static func isSaved(in checkpoint: Checkpoint, as name: String) -> Bool { checkpoint.metadata[name + ".counters"] != nil }

    /// How many closed rows the log saved under `NAME.` had: what `init(from:as:rows:)` needs back.
    /// - Throws: `CheckpointError` for a missing or damaged entry.
    public static func closedRows(in checkpoint: Checkpoint, as name: String) throws -> Int {
        let counters = try checkpoint.ints(name + ".counters", count: 6)
        guard counters[1] >= 0 else { throw CheckpointError.mismatch("the episode log's row count is damaged") }
        return counters[1]
    }

    /// Reads what `save(into:as:)` wrote, with `rows`, the closed rows kept elsewhere (the first
    /// `closedRows(in:as:)` rows of the run's metrics).
    /// - Throws: `CheckpointError` for a missing or damaged entry, or rows that are not the ones the log
    ///   had: another count, or a last row that is not the episode before the open window's.
    public init(from checkpoint: Checkpoint, as name: String, rows: [Row]) throws {
        let counters = try checkpoint.ints(name + ".counters", count: 6)
        let sums = try checkpoint.doubles(name + ".window", count: 3)
        let keyText = checkpoint.metadata[name + ".statistics.keys"] ?? ""
        let keys = keyText.isEmpty ? [] : keyText.split(separator: ",").map(String.init)
        let values = try checkpoint.doubles(name + ".statistics", count: keys.count)
        let (interval, rowCount, episodeCount, count, lengthSum, lastStep) = (counters[0], counters[1], counters[2], counters[3], counters[4], counters[5])
        guard interval >= 1, count >= 0, episodeCount >= count, lengthSum >= 0, lastStep >= 0 else {
            throw CheckpointError.mismatch("the episode log's counters are damaged")
        }
        guard rows.count == rowCount else {
            throw CheckpointError.mismatch("the run's history holds \(rows.count) rows of episodes, but the checkpoint follows \(rowCount)")
        }
        let closed = episodeCount - count
        guard (rows.last?.episode ?? 0) == closed else {
            throw CheckpointError.mismatch("the run's history ends at episode \(rows.last?.episode ?? 0), but the checkpoint follows episode \(closed)")
        }
        self.interval = interval
        self.rows = rows
        self.episodeCount = episodeCount
        window = Window(count: count, returnSum: sums[0], minReturn: sums[1], maxReturn: sums[2], lengthSum: lengthSum, lastStep: lastStep,
                        statistics: Dictionary(zip(keys, values), uniquingKeysWith: { $1 }))
    }
}
