import Foundation
import XCTest

/// A training run's files stay in proportion to what it learned, not to how many episodes it played, and
/// its seed is kept whole (64 bits) in run.json and its checkpoints.
final class RunFilesTests: CLITestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-run-files-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A table of 50 + 50 states whose episodes last two steps, as blackjack's hands do: a first state,
    /// a second one drawn by the action, then the end with a reward of +1 or -1.
    func twoStepTable() throws -> String {
        var rows: [String] = []
        for i in 0..<50 {
            for a in 0..<2 {
                rows.append("[\"a\(i)\", \(a), 0.5, \"b\((i + a) % 50)\", 0]")
                rows.append("[\"a\(i)\", \(a), 0.5, \"b\((i * 7 + a + 25) % 50)\", 0]")
                rows.append("[\"b\(i)\", \(a), \(Double(i + a + 1) / 64), \"end\", 1]")
                rows.append("[\"b\(i)\", \(a), \(1 - Double(i + a + 1) / 64), \"end\", -1]")
            }
        }
        let states = (0..<50).map { "\"a\($0)\"" } + (0..<50).map { "\"b\($0)\"" } + ["\"end\""]
        let start = (0..<50).map { "\"a\($0)\": 0.02" }.joined(separator: ", ")
        let text = """
            {"format": "swiftgym.mdp/1", "id": "two-step-table-v0", "kind": "tabular", "title": "Two steps a hand",
             "description": "Observation: the state's index. Actions: 0, 1. Reward: +1 or -1 at the end. Start: a0-a49 uniformly. Episode end: after two steps.",
             "discount": 1, "states": [\(states.joined(separator: ", "))], "actions": ["0", "1"], "start": {\(start)},
             "terminal": ["end"], "table": [\(rows.joined(separator: ", "))]}
            """
        let path = directory.appendingPathComponent("two-step-table-v0.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func size(_ path: String) throws -> Int { try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) }

    /// 400,000 steps are 200,000 episodes; the checkpoint to resume from holds the Q table and the loop's
    /// state, not them, and metrics.csv a row per fiftieth of an evaluation interval.
    func testResumeCheckpointAndMetricsDoNotGrowWithTheEpisodes() throws {
        let table = try twoStepTable()
        var sizes: [Int: Int] = [:]
        for steps in [20_000, 400_000] {
            let run = directory.appendingPathComponent("q-\(steps)").path
            let result = try gym("train", table, "--agent", "q-learning", "--steps", "\(steps)", "--out", run)
            XCTAssertEqual(result.status, 0, result.stderr)
            sizes[steps] = try size(run + "/resume.ckpt")
            let lines = try String(contentsOfFile: run + "/metrics.csv", encoding: .utf8).split(separator: "\n")
            XCTAssertLessThanOrEqual(lines.count - 1, 20 * 50, "a row per fiftieth of each of the 20 evaluation intervals at most")
            guard lines[0] == "step,episode,return,length,episodes,return_min,return_max,epsilon,td_error" else {
                return XCTFail("metrics.csv's header is \(lines[0])")
            }
            let episodes = try lines.dropFirst().map { try XCTUnwrap(Int($0.split(separator: ",")[4]), String($0)) }.reduce(0, +)
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/run.json"))) as? [String: Any])
            XCTAssertEqual(record["episodes"] as? Int, episodes, "the rows count every episode once")
            XCTAssertEqual(episodes, steps / 2)
        }
        XCTAssertLessThan(sizes[400_000]!, 16_384, "resume.ckpt of a 101-state table is kilobytes")
        XCTAssertLessThan(abs(sizes[400_000]! - sizes[20_000]!), 1_024, "resume.ckpt does not grow with the steps: \(sizes)")
    }

    func testAResumedRunWhoseMetricsLostRowsSaysSo() throws {
        let table = try twoStepTable(), run = directory.appendingPathComponent("lost").path
        XCTAssertEqual(try gym("train", table, "--agent", "q-learning", "--steps", "20000", "--out", run).status, 0)
        let metrics = run + "/metrics.csv"
        let lines = try String(contentsOfFile: metrics, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(3).joined(separator: "\n") + "\n").write(toFile: metrics, atomically: true, encoding: .utf8)
        let short = try gym("train", "--resume", run, "--steps", "40000")
        XCTAssertEqual(short.status, 2)
        XCTAssertTrue(short.stderr.contains("\(metrics): 2 rows of episodes, but resume.ckpt follows "), short.stderr)
        try (lines.prefix(3).joined(separator: "\n") + "\n12,x\n").write(toFile: metrics, atomically: true, encoding: .utf8)
        let garbled = try gym("train", "--resume", run, "--steps", "40000")
        XCTAssertEqual(garbled.status, 2)
        XCTAssertTrue(garbled.stderr.contains("\(metrics): line 4 is not a row of 9 numbers: 12,x"), garbled.stderr)
    }

    /// 2^64 - 1 and 2^53 + 1, which a double would round, are written as exact integers in run.json (and
    /// `--json`), and in decimal in the checkpoints.
    func testSeedsAbove2To53AreKeptExactly() throws {
        let run = directory.appendingPathComponent("big-seed").path
        let result = try gym("train", "frozen-lake-4x4-v1", "--agent", "q-learning", "--steps", "2000", "--seed", "18446744073709551615",
                             "--out", run, "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.split(separator: "\n").last!.contains("\"seed\":18446744073709551615,"), result.stdout)
        let record = try String(contentsOfFile: run + "/run.json", encoding: .utf8)
        XCTAssertTrue(record.contains("\"seed\":18446744073709551615,"), record)
        let agentHeader = try String(decoding: Data(contentsOf: URL(fileURLWithPath: run + "/agent.ckpt")).prefix { $0 != 0x0A }, as: UTF8.self)
        XCTAssertTrue(agentHeader.contains("\"seed\":\"18446744073709551615\""), String(agentHeader.prefix(400)))
        let evaluated = try gym("evaluate", "frozen-lake-4x4-v1", "--checkpoint", run + "/agent.ckpt", "--episodes", "3")
        XCTAssertEqual(evaluated.status, 0, evaluated.stderr)

        let game = directory.appendingPathComponent("big-seed-game").path
        let selfPlay = try gym("train", "rock-paper-scissors-v2", "--self-play", "regret-matching", "--sampled", "--steps", "1000",
                               "--seed", "9007199254740993", "--out", game)
        XCTAssertEqual(selfPlay.status, 0, selfPlay.stderr)
        XCTAssertTrue(try String(contentsOfFile: game + "/run.json", encoding: .utf8).contains("\"seed\":9007199254740993,"))
        let header = try String(decoding: Data(contentsOf: URL(fileURLWithPath: game + "/agent.ckpt")).prefix { $0 != 0x0A }, as: UTF8.self)
        XCTAssertTrue(header.contains("\"seed\":\"9007199254740993\""), String(header.prefix(400)))
    }

    func testARunFileSeedThatIsNotA64BitWholeNumberIsAnError() throws {
        let run = directory.appendingPathComponent("bad-seed").path
        XCTAssertEqual(try gym("train", "frozen-lake-4x4-v1", "--agent", "q-learning", "--steps", "2000", "--seed", "5", "--out", run).status, 0)
        let good = try String(contentsOfFile: run + "/run.json", encoding: .utf8)
        XCTAssertTrue(good.contains("\"seed\":5,"), good)
        for bad in ["-1", "1.5", "18446744073709551616", "\"5\""] {
            try good.replacingOccurrences(of: "\"seed\":5,", with: "\"seed\":\(bad),").write(toFile: run + "/run.json", atomically: true, encoding: .utf8)
            let resumed = try gym("train", "--resume", run, "--steps", "4000")
            XCTAssertEqual(resumed.status, 2, resumed.stderr)
            XCTAssertTrue(resumed.stderr.contains("\(run)/run.json: no usable 'seed'"), "\(bad): \(resumed.stderr)")
        }
    }
}
