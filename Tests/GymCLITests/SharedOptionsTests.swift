import Foundation
import XCTest

/// The options every command shares (`--param`, `--set`, `--seed`, `--json`, `--plugin`), declared once
/// in Sources/GymCLI/Options, behave the same in every command.
final class SharedOptionsTests: CLITestCase {
    func testParameterOverridesMustBeNameEqualsNumber() throws {
        for bad in ["a", "a=x", "=1", "a="] {
            let result = try gym("inspect", "corridor-v0", "--param", bad)
            XCTAssertEqual(result.status, 2, bad)
            XCTAssertTrue(result.stderr.contains("error: parameter override '\(bad)' must have the form name=number"), result.stderr)
        }
        let good = try gym("inspect", "corridor-v0", "--param", "slip=0.25", "--param", "length=7", "--json")
        XCTAssertEqual(good.status, 0, good.stderr)
        let object = try XCTUnwrap(jsonLines(good.stdout).first)
        XCTAssertEqual(object["parameters"] as? [String: Double], ["slip": 0.25, "length": 7, "goal_reward": 10])
    }

    func testSettingsMustBeKeyEqualsValue() throws {
        let result = try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "100", "--set", "learning_rate", "--out", scratch("bad-set"))
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("error: setting 'learning_rate' must have the form key=value"), result.stderr)
    }

    func testEveryCommandDefaultsItsSeedToZero() throws {
        let implicit = try gym("rollout", "corridor-v0", "--steps", "20", "--jsonl")
        let explicit = try gym("rollout", "corridor-v0", "--steps", "20", "--jsonl", "--seed", "0")
        XCTAssertEqual(implicit.stdout, explicit.stdout)
        for command in ["rollout", "play", "check", "train", "evaluate"] {
            XCTAssertTrue(try gym(command, "--help").stdout.contains("--seed <seed>"), command)
            XCTAssertTrue(try gym(command, "--help").stdout.contains("(default: 0)"), command)
        }
    }

    func testActPrintsJSONAndRejectsObservationsOutsideTheSpace() throws {
        let out = scratch("act")
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "2000", "--out", out).status, 0)
        let act = try gym("act", "--checkpoint", out + "/agent.ckpt", "--observation", "2", "--json")
        XCTAssertEqual(act.status, 0, act.stderr)
        let object = try XCTUnwrap(jsonLines(act.stdout).first)
        XCTAssertEqual(object["observation"] as? Int, 2)
        XCTAssertNotNil(object["action"] as? Int)
        XCTAssertTrue(["left", "right"].contains(object["action_name"] as? String ?? ""), act.stdout)
        for bad in ["9", "[1, 2]", "\"x\"", "1.5"] {
            let rejected = try gym("act", "--checkpoint", out + "/agent.ckpt", "--observation", bad)
            XCTAssertEqual(rejected.status, 2, bad)
            XCTAssertTrue(rejected.stderr.contains("--observation"), rejected.stderr)
        }
    }

    func testTrainAndCompareEndWithJSON() throws {
        let train = try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "1000", "--out", scratch("train-json"), "--json")
        XCTAssertEqual(train.status, 0, train.stderr)
        let lines = try jsonLines(train.stdout)
        XCTAssertEqual(lines.count, 1, "only the run's object")
        XCTAssertEqual(lines[0]["agent"] as? String, "q-learning")
        XCTAssertNotNil((lines[0]["final_evaluation"] as? [String: Any])?["mean"])
        let compare = try gym("compare", "corridor-v0", "--agents", "q-learning,random", "--seeds", "2", "--steps", "500",
                              "--out", scratch("compare-json"), "--json")
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertEqual(try jsonLines(compare.stdout).map { $0["agent"] as? String }, ["q-learning", "random"])
        let unknown = try gym("compare", "corridor-v0", "--agents", "q-learning,qlearning", "--out", scratch("compare-bad"))
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown agent 'qlearning'"), unknown.stderr)
    }

    func testValidateReportsEachFileAsJSON() throws {
        let broken = CLITestCase.root.appendingPathComponent("Tests/GymMDPTests/BrokenSpecs/unknown-start.json").path
        let result = try gym("validate", "Environments/gridworld-v1.json", broken, "--json")
        XCTAssertEqual(result.status, 2)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.map { $0["valid"] as? Bool }, [true, false])
        let errors = try XCTUnwrap(lines[1]["errors"] as? [[String: Any]])
        XCTAssertTrue(errors.allSatisfy { ($0["path"] as? String)?.hasPrefix("$") ?? false }, "\(errors)")
        XCTAssertTrue(result.stderr.contains("error: 1 of 2 files invalid"), result.stderr)
    }

    private func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gym-cli-\(getpid())-\(name)").path
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = scratch(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
