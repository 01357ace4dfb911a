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
    public var episodes: [EpisodeRecord]
    public var evaluations: [EvaluationRecord]

    public init(step: Int, observation: Observation?, episodeReturns: [Double], episodeLengths: [Int], statistics: [String: Double],
                episodes: [EpisodeRecord], evaluations: [EvaluationRecord]) {
        self.step = step
        self.observation = observation
        self.episodeReturns = episodeReturns
        self.episodeLengths = episodeLengths
        self.statistics = statistics
        self.episodes = episodes
        self.evaluations = evaluations
    }
}

extension TrainerState {
    /// Writes the state under `trainer.` entries, every number exactly.
    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("trainer.counters", ints: [step] + episodeLengths)
        checkpoint.set("trainer.return", doubles: episodeReturns)
        if let observation { checkpoint.set("trainer.observation", observation: observation) } else {
            checkpoint.metadata["trainer.observation.kind"] = "vector-held"
        }
        let keys = Set(episodes.flatMap { $0.statistics.keys }).union(statistics.keys).sorted()
        checkpoint.metadata["trainer.statistics.keys"] = keys.joined(separator: ",")
        checkpoint.set("trainer.statistics", doubles: keys.map { statistics[$0] ?? .nan })
        checkpoint.set("trainer.episodes", ints: episodes.flatMap { [$0.step, $0.episode, $0.length] })
        checkpoint.set("trainer.episodes.returns", doubles: episodes.map(\.episodeReturn))
        checkpoint.set("trainer.episodes.statistics", doubles: episodes.flatMap { e in keys.map { e.statistics[$0] ?? .nan } })
        checkpoint.set("trainer.evaluations", ints: evaluations.flatMap { [$0.step, $0.returns.count] })
        checkpoint.set("trainer.evaluations.returns", doubles: evaluations.flatMap(\.returns))
    }

    /// Reads what `save(into:)` wrote.
    /// - Throws: `CheckpointError` for a missing or inconsistent entry.
    public init(from checkpoint: Checkpoint) throws {
        func bad(_ what: String) -> CheckpointError { .mismatch("the training state's \(what) is damaged") }
        let counters = try checkpoint.ints("trainer.counters")
        guard counters.count >= 2 else { throw bad("step counters") }
        (step, episodeLengths) = (counters[0], Array(counters.dropFirst()))
        episodeReturns = try checkpoint.doubles("trainer.return", count: episodeLengths.count)
        observation = checkpoint.metadata["trainer.observation.kind"] == "vector-held" ? nil : try checkpoint.observation("trainer.observation")
        let keyText = checkpoint.metadata["trainer.statistics.keys"] ?? ""
        let keys = keyText.isEmpty ? [] : keyText.split(separator: ",").map(String.init)
        func statistics(_ values: ArraySlice<Double>) -> [String: Double] {
            var result: [String: Double] = [:]
            for (key, value) in zip(keys, values) where !value.isNaN { result[key] = value }
            return result
        }
        self.statistics = statistics(try checkpoint.doubles("trainer.statistics", count: keys.count)[...])
        let records = try checkpoint.ints("trainer.episodes")
        guard records.count % 3 == 0 else { throw bad("episode list") }
        let n = records.count / 3
        let returns = try checkpoint.doubles("trainer.episodes.returns", count: n)
        let recorded = try checkpoint.doubles("trainer.episodes.statistics", count: n * keys.count)
        episodes = (0..<n).map { i in
            EpisodeRecord(step: records[3 * i], episode: records[3 * i + 1], episodeReturn: returns[i], length: records[3 * i + 2],
                          statistics: statistics(recorded[(i * keys.count)..<((i + 1) * keys.count)]))
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
