import Foundation
import XCTest

/// A new user's three MDPs (Tests/GymCLITests/NewcomerMDPs), end to end through the command line:
/// validate, inspect, solve, check, train, evaluate, act and rollout, with names instead of indices,
/// truthful evaluations, maps, and checkpoints that find the file they were trained on.
final class NewcomerTests: CLITestCase {
    static let folder = CLITestCase.root.appendingPathComponent("Tests/GymCLITests/NewcomerMDPs")
    static func file(_ name: String) -> String { folder.appendingPathComponent("\(name).json").path }
    func scratch(_ name: String) -> String { FileManager.default.temporaryDirectory.appendingPathComponent("gym-newcomer-\(getpid())-\(name)").path }

    func testEachFileValidatesAndConforms() throws {
        for name in ["two-state-v1", "my-windy-gridworld-v1", "point-mass-v1"] {
            XCTAssertEqual(try gym("validate", Self.file(name)).status, 0, name)
            let check = try gym("check", Self.file(name))
            XCTAssertEqual(check.status, 0, check.stdout)
            XCTAssertTrue(check.stdout.contains("0 failed"), check.stdout)
        }
    }

    /// The notes' two-state MDP ships, and tabular Q-learning with its default settings learns its
    /// optimal action (a1) from every seed tried.
    func testQLearningWithDefaultSettingsSolvesTheShippedTwoStateMDP() throws {
        let solve = try gym("solve", "notes-two-state-v1")
        XCTAssertTrue(solve.stdout.contains("s0     0.917808  a1"), solve.stdout)
        for seed in 1...4 {
            let out = scratch("notes-two-state-\(seed)")
            defer { try? FileManager.default.removeItem(atPath: out) }
            let train = try gym("train", "notes-two-state-v1", "--agent", "q-learning", "--steps", "50000", "--seed", "\(seed)", "--out", out)
            XCTAssertEqual(train.status, 0, train.stderr)
            let act = try gym("act", "--checkpoint", out + "/agent.ckpt", "--observation", "0")
            XCTAssertTrue(act.stdout.hasPrefix("action 1 (a1)"), "seed \(seed): \(act.stdout)")
        }
    }

    func testTheTwoStateMDPSpeaksInNamesFromInspectToAct() throws {
        let file = Self.file("two-state-v1")
        let inspect = try gym("inspect", file)
        XCTAssertTrue(inspect.stdout.contains("states             3: s0 s1 s1'"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("start              s0"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("terminal           2: s1 s1'"), inspect.stdout)
        let json = try XCTUnwrap(jsonLines(try gym("inspect", file, "--json").stdout).first)
        XCTAssertEqual(json["states"] as? [String], ["s0", "s1", "s1'"])
        XCTAssertEqual(json["terminal"] as? [String], ["s1", "s1'"])
        let rollout = try jsonLines(try gym("rollout", file, "--actions", "a1,a1,a1", "--seed", "1", "--jsonl").stdout)
        XCTAssertEqual(rollout.first?["state"] as? String, "s0")
        XCTAssertTrue(rollout.dropFirst().allSatisfy { ["s0", "s1", "s1'"].contains($0["state"] as? String ?? "") })

        // A checkpoint trained from the file finds it again, though two-state-v1 is not registered.
        let out = scratch("two-state")
        XCTAssertEqual(try gym("train", file, "--agent", "q-learning", "--steps", "20000", "--out", out).status, 0)
        let act = try gym("act", "--checkpoint", out + "/agent.ckpt", "--observation", "0")
        XCTAssertEqual(act.status, 0, act.stderr)
        XCTAssertTrue(act.stdout.contains("action 1 (a1)"), act.stdout)
        XCTAssertTrue(act.stdout.contains("action values a0="), act.stdout)
        XCTAssertTrue(act.stderr.contains("two-state-v1 is not registered; using"), act.stderr)
        let evaluate = try gym("evaluate", "two-state-v1", "--checkpoint", out + "/agent.ckpt", "--episodes", "2000", "--json")
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let result = try XCTUnwrap(jsonLines(evaluate.stdout).first)
        XCTAssertEqual(result["discount"] as? Double, 0.9)
        XCTAssertEqual(result["optimal_start_value"] as! Double, 0.917808, accuracy: 1e-6)
        XCTAssertGreaterThan(result["normalised_score"] as! Double, 0.9)
        let played = try gym("rollout", "two-state-v1", "--checkpoint", out + "/agent.ckpt")
        XCTAssertEqual(played.status, 0, played.stderr)
        XCTAssertTrue(played.stdout.contains("action a1"), played.stdout)
    }

    func testTheWindyGridworldSolvesToMinusFifteenAndQLearningFindsIt() throws {
        let file = Self.file("my-windy-gridworld-v1")
        let solve = try gym("solve", file)
        XCTAssertTrue(solve.stdout.contains("value of the start state 3,0: -15.0000"), solve.stdout)
        XCTAssertTrue(solve.stdout.contains("greedy policy:"), solve.stdout)
        let out = scratch("windy")
        let train = try gym("train", file, "--agent", "q-learning", "--steps", "60000", "--set", "learning_rate=0.5", "--seed", "1", "--out", out)
        XCTAssertEqual(train.status, 0, train.stderr)
        let result = try XCTUnwrap(jsonLines(try gym("evaluate", file, "--checkpoint", out + "/agent.ckpt", "--episodes", "20", "--json").stdout).first)
        XCTAssertEqual(result["mean"] as? Double, -15, "the greedy policy is optimal")
        XCTAssertEqual(result["shortfall"] as! Double, 0, accuracy: 1e-9)
        let text = try gym("evaluate", file, "--checkpoint", out + "/agent.ckpt", "--episodes", "5").stdout
        XCTAssertFalse(text.contains("%"), "a return of -15 is no percentage of an optimum of -15: \(text)")
    }

    func testThePointMassTrainsAndPlaysFromItsCheckpoint() throws {
        let file = Self.file("point-mass-v1")
        let inspect = try gym("inspect", file)
        XCTAssertTrue(inspect.stdout.contains("reward range       [-4.4, 0.0]"), inspect.stdout)
        let out = scratch("point-mass")
        XCTAssertEqual(try gym("train", file, "--agent", "reinforce", "--steps", "2000", "--out", out).status, 0)
        let act = try gym("act", "--checkpoint", out + "/agent.ckpt", "--observation", "[-0.5, 0]", "--json")
        XCTAssertEqual(act.status, 0, act.stderr)
        let action = try XCTUnwrap(jsonLines(act.stdout).first?["action"] as? [Double])
        XCTAssertEqual(action.count, 1)
        let played = try jsonLines(try gym("rollout", file, "--checkpoint", out + "/agent.ckpt", "--steps", "5", "--jsonl").stdout)
        XCTAssertEqual(played.count, 6)
        XCTAssertEqual((played.last?["state"] as? [Double])?.count, 2, "dynamics rollouts print the state")
    }
}
