import Foundation
import GymAgents
import GymRuns
import XCTest

/// A training run stopped (or killed outright) and resumed ends exactly as the run that was never
/// stopped: the same checkpoints, episodes and evaluations, byte for byte.
final class TrainingRunResumeTests: RunTestCase {
    struct Case {
        var id: String
        var agent: String
        var steps: Int
        var every: Int
        var seed: UInt64
        var settings: [String: String] = [:]
        var keepBest = false
    }

    func run(_ c: Case, in directory: String) throws -> TrainingRun {
        TrainingRun(resolved: try ResolvedEnvironment(id: c.id), agentName: c.agent, seed: c.seed, steps: c.steps, settings: c.settings,
                    evaluationInterval: c.every, directory: directory, keepBest: c.keepBest)
    }

    /// Runs `c` straight through, and stopped after `polls` questions of its stop hook then resumed (or,
    /// with `killedAt`, copied as the straight run stood at that step and resumed from the copy).
    func assertResumesExactly(_ c: Case, stoppedAfterPolls polls: Int? = nil, killedAt: Int? = nil,
                              comparing files: [String] = ["agent.ckpt", "metrics.csv", "evaluations.csv"],
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let straightDirectory = temporary("straight"), stoppedDirectory = temporary("stopped")
        var step = 0
        let copy = snapshot(straightDirectory, to: stoppedDirectory) { step >= (killedAt ?? .max) }
        let straight = try run(c, in: straightDirectory).start(progress: { step = $0.step; copy() })
        XCTAssertNil(straight.interruptedAt, file: file, line: line)
        if let polls {
            let stopped = try run(c, in: stoppedDirectory).start(stopRequested: stop(afterPolls: polls))
            let at = try XCTUnwrap(stopped.interruptedAt, "the run ended before it was stopped", file: file, line: line)
            XCTAssertLessThan(at, c.steps, file: file, line: line)
            XCTAssertGreaterThanOrEqual(at, c.every, "stopped before the first evaluation, the resume would restore little", file: file, line: line)
            XCTAssertEqual(stopped.record.status, .interrupted, file: file, line: line)
            XCTAssertEqual(try TrainingRunRecord.read(from: stoppedDirectory).status, .interrupted, file: file, line: line)
        } else {
            XCTAssertEqual(try TrainingRunRecord.read(from: stoppedDirectory).status, .running, "no copy was taken", file: file, line: line)
        }
        var resumedAt: Int?
        let resumed = try TrainingRun(resuming: stoppedDirectory).start(started: { resumedAt = $0 })
        XCTAssertNotNil(resumedAt, file: file, line: line)
        XCTAssertNil(resumed.interruptedAt, file: file, line: line)
        XCTAssertEqual(resumed.record.status, .finished, file: file, line: line)
        XCTAssertEqual(resumed.evaluations.map(\.step), straight.evaluations.map(\.step), file: file, line: line)
        XCTAssertEqual(resumed.evaluations.map(\.returns), straight.evaluations.map(\.returns), file: file, line: line)
        XCTAssertEqual(resumed.record.finalEvaluation, straight.record.finalEvaluation, file: file, line: line)
        XCTAssertEqual(resumed.record.episodes, straight.record.episodes, file: file, line: line)
        assertSameFiles(files, in: straightDirectory, and: stoppedDirectory, file: file, line: line)
        XCTAssertThrowsError(try TrainingRun(resuming: stoppedDirectory), "a finished run resumes again", file: file, line: line)
    }

    func testDQNStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "gridworld-v1", agent: "dqn", steps: 6000, every: 1000, seed: 4,
                                      settings: ["hidden_sizes": "16,16", "learning_starts": "200", "train_frequency": "8",
                                                 "gradient_steps": "1", "buffer_size": "5000"], keepBest: true),
                                 stoppedAfterPolls: 2560, comparing: ["agent.ckpt", "best.ckpt", "metrics.csv", "evaluations.csv"])
    }

    func testPPOKilledOutrightResumesExactly() throws {
        try assertResumesExactly(Case(id: "cartpole-v1", agent: "ppo", steps: 8192, every: 2048, seed: 6,
                                      settings: ["hidden_sizes": "32,32", "n_steps": "512"]), killedAt: 3000)
    }

    func testPPOWithRunningNormalisationStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "point-mass-v1", agent: "ppo", steps: 4000, every: 1000, seed: 2,
                                      settings: ["hidden_sizes": "16,16", "n_steps": "512", "normalize_observation": "true",
                                                 "normalize_reward": "true", "log_std_init": "-1"]), stoppedAfterPolls: 1920)
    }

    func testPPOWithStateDependentNoiseOnTwoCopiesStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "pendulum-v1", agent: "ppo", steps: 3000, every: 1002, seed: 2,
                                      settings: ["hidden_sizes": "16,16", "num_envs": "2", "n_steps": "300", "use_sde": "true",
                                                 "sde_sample_freq": "4"]), stoppedAfterPolls: 700)
    }

    func testPPOOnEightCopiesKilledOutrightResumesExactly() throws {
        try assertResumesExactly(Case(id: "cartpole-v1", agent: "ppo", steps: 8192, every: 2048, seed: 3,
                                      settings: ["hidden_sizes": "32,32", "num_envs": "8", "n_steps": "64"]), killedAt: 2500)
    }

    func testDQNOnFourCopiesStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "frozen-lake-4x4-v1", agent: "dqn", steps: 4000, every: 1000, seed: 1,
                                      settings: ["hidden_sizes": "16", "num_envs": "4", "learning_starts": "200", "buffer_size": "4000"]),
                                 stoppedAfterPolls: 400)
    }

    func testDPGStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "demand-continuous-v1", agent: "dpg", steps: 2000, every: 500, seed: 2,
                                      settings: ["hidden_sizes": "16,16", "learning_starts": "200", "batch_size": "32",
                                                 "td3": "true", "policy_delay": "2"]), stoppedAfterPolls: 768)
    }

    func testSACStoppedResumesExactly() throws {
        try assertResumesExactly(Case(id: "pendulum-v1", agent: "sac", steps: 1200, every: 400, seed: 1,
                                      settings: ["hidden_sizes": "16,16", "batch_size": "32"]), stoppedAfterPolls: 512)
    }

    func testReinforceKilledOutrightResumesExactly() throws {
        try assertResumesExactly(Case(id: "cartpole-v1", agent: "reinforce", steps: 6000, every: 1000, seed: 5,
                                      settings: ["hidden_sizes": "16", "baseline": "value"]), killedAt: 2000)
    }

    func testAMatrixGameAgainstABestResponseOpponentResumesExactly() throws {
        try assertResumesExactly(Case(id: "rock-paper-scissors-exploiter-v1", agent: "q-learning", steps: 20000, every: 5000, seed: 3),
                                 stoppedAfterPolls: 6400)
    }

    /// 2^53 + 1 is not a double: run.json keeps it exact, so the evaluations after resuming are seeded as
    /// the uninterrupted run's (frozen lake's ice makes every evaluation seed show).
    func testAQLearningRunSeededAbove2To53StoppedResumesExactly() throws {
        let seed: UInt64 = 9_007_199_254_740_993
        try assertResumesExactly(Case(id: "frozen-lake-4x4-v1", agent: "q-learning", steps: 20000, every: 2000, seed: seed),
                                 stoppedAfterPolls: 6400)
        let directory = temporary("seed")
        let outcome = try run(Case(id: "frozen-lake-4x4-v1", agent: "q-learning", steps: 4000, every: 2000, seed: seed), in: directory)
            .start(stopRequested: stop(afterPolls: 2560))
        XCTAssertEqual(outcome.record.seed, seed)
        let text = try String(contentsOfFile: directory + "/run.json", encoding: .utf8)
        XCTAssertTrue(text.contains("\"seed\":9007199254740993,"), text)
        XCTAssertEqual(try TrainingRun(resuming: directory).seed, seed)
    }

    /// PPO has no schedule over the run's length, so 4,096 steps continued to 8,192 are exactly a run of 8,192.
    func testAFinishedRunTrainsFurtherWithMoreSteps() throws {
        let c = Case(id: "cartpole-v1", agent: "ppo", steps: 8192, every: 2048, seed: 4, settings: ["hidden_sizes": "16,16", "n_steps": "512"])
        var short = c
        short.steps = 4096
        let straight = temporary("long"), extended = temporary("extended")
        try run(c, in: straight).start()
        try run(short, in: extended).start()
        XCTAssertThrowsError(try TrainingRun(resuming: extended)) {
            XCTAssertTrue("\($0)".contains("finished all its 4096 steps; there is nothing to resume"), "\($0)")
        }
        var resumedAt: Int?
        let further = try TrainingRun(resuming: extended, steps: 8192).start(started: { resumedAt = $0 })
        XCTAssertEqual(resumedAt, 4096)
        XCTAssertEqual(further.record.status, .finished)
        XCTAssertEqual(further.record.steps, 8192)
        assertSameFiles(["agent.ckpt", "metrics.csv", "evaluations.csv"], in: straight, and: extended)
        XCTAssertThrowsError(try TrainingRun(resuming: extended, steps: 8192)) {
            XCTAssertTrue("\($0)".contains("the run has taken 8192 steps; --steps 8192 must be more"), "\($0)")
        }
    }

    func testADirectoryWithoutARunIsSaidSo() {
        let directory = temporary("nothing")
        XCTAssertThrowsError(try TrainingRun(resuming: directory)) {
            XCTAssertTrue("\($0)".contains("\(directory)/run.json: no such file"), "\($0)")
        }
    }
}
