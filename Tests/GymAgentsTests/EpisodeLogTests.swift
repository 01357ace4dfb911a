import Gym
import GymAgents
import GymNN
import XCTest

/// The episode log: a row per interval of steps, whatever the episodes' lengths, and a saved log that
/// holds its open window but not its rows, so that it stays the same size and continues exactly.
final class EpisodeLogTests: XCTestCase {
    /// `count` episodes of lengths 1 to 3 with returns from a seeded generator, and their end steps.
    func episodes(_ count: Int, seed: UInt64 = 1) -> [(step: Int, return: Double, length: Int, statistics: [String: Double])] {
        var rng = RandomSource(seed: seed)
        var step = 0
        return (0..<count).map { i in
            let length = 1 + rng.nextInt(below: 3)
            step += length
            return (step, Double(rng.nextInt(below: 3)) - 1, length, i % 7 == 0 ? ["loss": rng.nextDouble()] : ["epsilon": 1 / Double(i + 1)])
        }
    }

    func testEpisodesOfOneIntervalMakeOneRow() {
        var log = EpisodeLog(interval: 10)
        for (step, r, length) in [(3, 1.0, 3), (7, -1.0, 4), (10, 0.0, 3), (12, 2.0, 2), (35, 4.0, 23)] {
            log.record(step: step, return: r, length: length, statistics: ["epsilon": Double(step)])
        }
        XCTAssertEqual(log.rows, [
            EpisodeLog.Row(step: 10, episode: 3, episodes: 3, meanReturn: 0, minReturn: -1, maxReturn: 1, meanLength: 10.0 / 3, statistics: ["epsilon": 10]),
            EpisodeLog.Row(step: 12, episode: 4, episodes: 1, meanReturn: 2, minReturn: 2, maxReturn: 2, meanLength: 2, statistics: ["epsilon": 12]),
        ])
        XCTAssertEqual(log.pending, EpisodeLog.Row(step: 35, episode: 5, episodes: 1, meanReturn: 4, minReturn: 4, maxReturn: 4, meanLength: 23,
                                                   statistics: ["epsilon": 35]))
        XCTAssertEqual(log.episodeCount, 5)
        XCTAssertEqual(log.allRows.count, 3)
    }

    /// A progress line's recent return is not one short row's: with an episode a row, it is the last 20.
    func testTheRecentReturnAveragesAtLeastTheLast20Episodes() {
        var log = EpisodeLog(interval: 1)
        XCTAssertNil(log.recentMeanReturn)
        for episode in 1...30 { log.record(step: episode, return: Double(episode), length: 1, statistics: [:]) }
        XCTAssertEqual(log.recentMeanReturn, (11...30).map(Double.init).reduce(0, +) / 20)
        var few = EpisodeLog(interval: 1)
        for episode in 1...3 { few.record(step: episode, return: Double(episode), length: 1, statistics: [:]) }
        XCTAssertEqual(few.recentMeanReturn, 2)
    }

    func testRowsAreBoundedByTheStepsNotTheEpisodes() {
        var log = EpisodeLog(interval: 100)
        let all = episodes(50_000)
        for e in all { log.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
        XCTAssertEqual(log.allRows.count, (all.last!.step + 99) / 100)
        XCTAssertEqual(log.allRows.map(\.episodes).reduce(0, +), 50_000)
    }

    func testALogSavedAnywhereAndRestoredWithItsRowsRecordsTheSameRows() throws {
        let all = episodes(400)
        var straight = EpisodeLog(interval: 5)
        for e in all { straight.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
        for cut in [0, 1, 2, 3, 57, 211, 399, 400] {
            var first = EpisodeLog(interval: 5)
            for e in all[..<cut] { first.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
            var checkpoint = Checkpoint()
            first.save(into: &checkpoint, as: "log")
            XCTAssertEqual(try EpisodeLog.closedRows(in: checkpoint, as: "log"), first.rows.count)
            var resumed = try EpisodeLog(from: checkpoint, as: "log", rows: first.rows)
            for e in all[cut...] { resumed.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
            XCTAssertEqual(resumed.allRows, straight.allRows, "cut after \(cut) episodes")
            XCTAssertEqual(resumed.episodeCount, straight.episodeCount)
        }
    }

    func testTheSavedLogDoesNotGrowWithItsEpisodes() {
        func savedSize(_ count: Int) -> Int {
            var log = EpisodeLog(interval: 50)
            for e in episodes(count) { log.record(step: e.step, return: e.return, length: e.length, statistics: ["epsilon": 0.5]) }
            var checkpoint = Checkpoint()
            log.save(into: &checkpoint, as: "log")
            return checkpoint.metadata.map { $0.key.utf8.count + $0.value.utf8.count }.reduce(0, +)
        }
        // Counters and sums are written in as many hex digits as they need: a few more for larger ones.
        XCTAssertLessThan(savedSize(100), 256)
        XCTAssertLessThan(savedSize(100_000), 256)
    }

    func testRowsThatAreNotTheLogsAreRefused() throws {
        var log = EpisodeLog(interval: 5)
        for e in episodes(40) { log.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
        var checkpoint = Checkpoint()
        log.save(into: &checkpoint, as: "log")
        XCTAssertThrowsError(try EpisodeLog(from: checkpoint, as: "log", rows: Array(log.rows.dropLast()))) { error in
            XCTAssertEqual("\(error)", "the run's history holds \(log.rows.count - 1) rows of episodes, but the checkpoint follows \(log.rows.count)")
        }
        var shifted = log.rows
        shifted[shifted.count - 1].episode -= 1
        XCTAssertThrowsError(try EpisodeLog(from: checkpoint, as: "log", rows: shifted)) { error in
            XCTAssertTrue("\(error)".contains("but the checkpoint follows episode \(log.rows.last!.episode)"), "\(error)")
        }
    }

    /// A training state saved by an earlier version held every episode; it still resumes, its episodes
    /// folded into a log as a run of this version would have logged them.
    func testAStateWithEveryEpisodeOfAnEarlierVersionIsFoldedIntoTheLog() throws {
        let all = episodes(60)
        var checkpoint = Checkpoint()
        checkpoint.set("trainer.counters", ints: [all.last!.step + 1, 1])
        checkpoint.set("trainer.return", doubles: [0])
        checkpoint.set("trainer.observation", observation: .discrete(0))
        checkpoint.metadata["trainer.statistics.keys"] = "epsilon,loss"
        checkpoint.set("trainer.statistics", doubles: [0.25, .nan])
        checkpoint.set("trainer.episodes", ints: all.enumerated().flatMap { [$1.step, $0 + 1, $1.length] })
        checkpoint.set("trainer.episodes.returns", doubles: all.map(\.return))
        checkpoint.set("trainer.episodes.statistics", doubles: all.flatMap { [$0.statistics["epsilon"] ?? .nan, $0.statistics["loss"] ?? .nan] })
        checkpoint.set("trainer.evaluations", ints: [])
        checkpoint.set("trainer.evaluations.returns", doubles: [])
        XCTAssertEqual(try TrainerState.historyRows(in: checkpoint), 0)
        let state = try TrainerState(from: checkpoint, history: [], logInterval: 4)
        var expected = EpisodeLog(interval: 4)
        for e in all { expected.record(step: e.step, return: e.return, length: e.length, statistics: e.statistics) }
        XCTAssertEqual(state.log.allRows, expected.allRows)
        XCTAssertEqual(state.statistics, ["epsilon": 0.25])
    }
}
