import Foundation
import GymRuns
import XCTest

/// A self-play run stopped (or killed outright) and resumed ends exactly as the run that was never stopped.
final class SelfPlayRunResumeTests: RunTestCase {
    func run(_ id: String, _ learners: [String], steps: Int, every: Int, seed: UInt64, sampled: Bool = false,
             settings: [String: String] = [:], in directory: String) throws -> SelfPlayRun {
        SelfPlayRun(resolved: try ResolvedEnvironment(id: id), learners: learners, seed: seed, steps: steps, settings: settings,
                    sampled: sampled, evaluationInterval: every, directory: directory)
    }

    /// `make(directory)` run straight, and stopped after `polls` steps (or, with `killedAt`, copied as the
    /// straight run stood at that step) then resumed.
    func assertResumesExactly(_ make: (String) throws -> SelfPlayRun, stoppedAfterPolls polls: Int? = nil, killedAt: Int? = nil,
                              comparing files: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let straightDirectory = temporary("straight"), stoppedDirectory = temporary("stopped")
        var step = 0
        let copy = snapshot(straightDirectory, to: stoppedDirectory) { step >= (killedAt ?? .max) }
        let straight = try make(straightDirectory).start(progress: { step = $0.step; copy() })
        if let polls {
            let stopped = try make(stoppedDirectory).start(stopRequested: stop(afterPolls: polls))
            XCTAssertEqual(stopped.interruptedAt, polls, file: file, line: line)
            XCTAssertEqual(try SelfPlayRunRecord.read(from: stoppedDirectory).status, .interrupted, file: file, line: line)
        }
        XCTAssertTrue(SelfPlayRun.isSelfPlay(stoppedDirectory), file: file, line: line)
        var resumedAt: Int?
        let resumed = try SelfPlayRun(resuming: stoppedDirectory).start(started: { resumedAt = $0 })
        XCTAssertNotNil(resumedAt, file: file, line: line)
        XCTAssertEqual(resumed.record.status, .finished, file: file, line: line)
        XCTAssertEqual(resumed.points, straight.points, file: file, line: line)
        XCTAssertEqual(resumed.record.averagePolicy, straight.record.averagePolicy, file: file, line: line)
        assertSameFiles(files, in: straightDirectory, and: stoppedDirectory, file: file, line: line)
    }

    func testAGameLearnerStoppedResumesExactly() throws {
        try assertResumesExactly({ try self.run("rock-paper-scissors-v2", ["regret-matching"], steps: 30000, every: 1000, seed: 3,
                                                sampled: true, in: $0) },
                                 stoppedAfterPolls: 12345, comparing: ["agent.ckpt", "exploitability.csv"])
    }

    func testAGameLearnerSeededAt2To64Minus1ResumesExactly() throws {
        try assertResumesExactly({ try self.run("rock-paper-scissors-v2", ["regret-matching"], steps: 30000, every: 1000, seed: .max,
                                                sampled: true, in: $0) },
                                 stoppedAfterPolls: 20000, comparing: ["agent.ckpt", "exploitability.csv"])
        let directory = temporary("seed")
        try run("rock-paper-scissors-v2", ["regret-matching"], steps: 3000, every: 1000, seed: .max, sampled: true, in: directory)
            .start(stopRequested: stop(afterPolls: 2500))
        let text = try String(contentsOfFile: directory + "/run.json", encoding: .utf8)
        XCTAssertTrue(text.contains("\"seed\":18446744073709551615,"), text)
        XCTAssertEqual(try SelfPlayRun(resuming: directory).seed, .max)
    }

    func testAgentsStoppedResumeExactly() throws {
        try assertResumesExactly({ try self.run("rock-paper-scissors-v2", ["dqn", "ppo"], steps: 4000, every: 1000, seed: 2,
                                                settings: ["hidden_sizes": "16"], in: $0) },
                                 stoppedAfterPolls: 1500,
                                 comparing: ["agent.ckpt", "agent-player_0.ckpt", "agent-player_1.ckpt", "exploitability.csv"])
    }

    func testAgentsKilledOutrightResumeExactly() throws {
        try assertResumesExactly({ try self.run("prisoners-dilemma-v2", ["ppo"], steps: 4000, every: 1000, seed: 5,
                                                settings: ["hidden_sizes": "16"], in: $0) },
                                 killedAt: 2000, comparing: ["agent.ckpt", "agent-row.ckpt", "agent-column.ckpt", "exploitability.csv"])
    }
}
