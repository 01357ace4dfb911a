import Gym
import GymNN

/// Where a training run stands between two steps: with the agent's training state (`ResumableAgent`)
/// and the environment's snapshot (`SnapshottingEnvironment`, or a `VectorEnvironment`'s), enough to
/// continue it exactly (`Trainer.run(..., resuming:)`).
public struct TrainerState {
    /// Steps taken (of every copy together, on a vector).
    public var step: Int
    /// The observation the next step acts in, on one environment; nil on a vector, whose snapshot holds
    /// its copies' observations.
    public var observation: Observation?
    /// Each copy's return and length so far in its episode (one entry on one environment).
    public var episodeReturns: [Double]
    public var episodeLengths: [Int]
    /// The agent's latest training statistics.
    public var statistics: [String: Double]
    /// The finished episodes, a row per interval of steps.
    public var log: EpisodeLog
    public var evaluations: [EvaluationRecord]

    public init(step: Int, observation: Observation?, episodeReturns: [Double], episodeLengths: [Int], statistics: [String: Double],
                log: EpisodeLog, evaluations: [EvaluationRecord]) {
        self.step = step
        self.observation = observation
        self.episodeReturns = episodeReturns
        self.episodeLengths = episodeLengths
        self.statistics = statistics
        self.log = log
        self.evaluations = evaluations
    }
}

extension TrainerState {
    /// Writes the state under `trainer.` entries, every number exactly. The episode log's closed rows are
    /// history, not state: they are left to the run's metrics file (`EpisodeLog.save(into:as:)`), so that
    /// the checkpoint stays the same size however long the run.
    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("trainer.counters", ints: [step] + episodeLengths)
        checkpoint.set("trainer.return", doubles: episodeReturns)
        if let observation { checkpoint.set("trainer.observation", observation: observation) } else {
            checkpoint.metadata["trainer.observation.kind"] = "vector-held"
        }
        let keys = statistics.keys.sorted()
        checkpoint.metadata["trainer.statistics.keys"] = keys.joined(separator: ",")
        checkpoint.set("trainer.statistics", doubles: keys.map { statistics[$0]! })
        log.save(into: &checkpoint, as: "trainer.log")
        checkpoint.set("trainer.evaluations", ints: evaluations.flatMap { [$0.step, $0.returns.count] })
        checkpoint.set("trainer.evaluations.returns", doubles: evaluations.flatMap(\.returns))
    }

    /// The steps a saved state had taken.
    /// - Throws: `CheckpointError` for a missing or damaged entry.
    public static func step(in checkpoint: Checkpoint) throws -> Int {
        let counters = try checkpoint.ints("trainer.counters")
        guard counters.count >= 2, counters[0] >= 0 else { throw CheckpointError.mismatch("the training state's step counters are damaged") }
        return counters[0]
    }

    /// How many rows of episodes `init(from:history:logInterval:)` needs from the run's history: the
    /// episode log's closed rows; 0 for a state saved by an earlier version, which holds every episode.
    /// - Throws: `CheckpointError` for a damaged entry.
    public static func historyRows(in checkpoint: Checkpoint) throws -> Int {
        EpisodeLog.isSaved(in: checkpoint, as: "trainer.log") ? try EpisodeLog.closedRows(in: checkpoint, as: "trainer.log") : 0
    }

    /// Reads what `save(into:)` wrote.
    /// - Parameters:
    ///   - history: the first `historyRows(in:)` rows the run recorded (its metrics file's).
    ///   - logInterval: the episode log's interval for a state saved by an earlier version, whose every
    ///     episode is folded into a log anew; a log saved whole keeps its own.
    /// - Throws: `CheckpointError` for a missing or inconsistent entry, or a history that does not fit.
    public init(from checkpoint: Checkpoint, history: [EpisodeLog.Row], logInterval: Int) throws {
        func bad(_ what: String) -> CheckpointError { .mismatch("the training state's \(what) is damaged") }
        let counters = try checkpoint.ints("trainer.counters")
        guard counters.count >= 2 else { throw bad("step counters") }
        (step, episodeLengths) = (counters[0], Array(counters.dropFirst()))
        episodeReturns = try checkpoint.doubles("trainer.return", count: episodeLengths.count)
        observation = checkpoint.metadata["trainer.observation.kind"] == "vector-held" ? nil : try checkpoint.observation("trainer.observation")
        let keyText = checkpoint.metadata["trainer.statistics.keys"] ?? ""
        let keys = keyText.isEmpty ? [] : keyText.split(separator: ",").map(String.init)
        let legacy = !EpisodeLog.isSaved(in: checkpoint, as: "trainer.log")
        // An earlier version's state marks a statistic an episode did not have with NaN.
        func statistics(_ values: ArraySlice<Double>) -> [String: Double] {
            var result: [String: Double] = [:]
            for (key, value) in zip(keys, values) where !(legacy && value.isNaN) { result[key] = value }
            return result
        }
        self.statistics = statistics(try checkpoint.doubles("trainer.statistics", count: keys.count)[...])
        if !legacy {
            log = try EpisodeLog(from: checkpoint, as: "trainer.log", rows: history)
        } else {
            // An earlier version's state: every episode, with the statistics of all of them under the keys above.
            let records = try checkpoint.ints("trainer.episodes")
            guard records.count % 3 == 0 else { throw bad("episode list") }
            let n = records.count / 3
            let returns = try checkpoint.doubles("trainer.episodes.returns", count: n)
            let recorded = try checkpoint.doubles("trainer.episodes.statistics", count: n * keys.count)
            log = EpisodeLog(interval: logInterval)
            for i in 0..<n {
                guard records[3 * i] > (i == 0 ? 0 : records[3 * i - 3]), records[3 * i + 2] >= 0 else { throw bad("episode list") }
                log.record(step: records[3 * i], return: returns[i], length: records[3 * i + 2],
                           statistics: statistics(recorded[(i * keys.count)..<((i + 1) * keys.count)]))
            }
        }
        let evaluated = try checkpoint.ints("trainer.evaluations")
        let evaluationReturns = try checkpoint.doubles("trainer.evaluations.returns")
        guard evaluated.count % 2 == 0, stride(from: 1, to: evaluated.count, by: 2).map({ evaluated[$0] }).allSatisfy({ $0 >= 0 }),
              stride(from: 1, to: evaluated.count, by: 2).reduce(0, { $0 + evaluated[$1] }) == evaluationReturns.count else {
            throw bad("evaluation list")
        }
        var offset = 0
        evaluations = stride(from: 0, to: evaluated.count, by: 2).map { i in
            defer { offset += evaluated[i + 1] }
            return EvaluationRecord(step: evaluated[i], returns: Array(evaluationReturns[offset..<(offset + evaluated[i + 1])]))
        }
        guard step >= 0, episodeLengths.allSatisfy({ $0 >= 0 }) else { throw bad("step counter") }
    }
}
