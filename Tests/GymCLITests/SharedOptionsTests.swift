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

/// `gym evaluate` compares with the exact optimum and the exact random policy of a known model, under
/// the discount the agent trained with, and within the time limit the episodes run under.
final class EvaluationTests: CLITestCase {
    func scratch(_ name: String) -> String { FileManager.default.temporaryDirectory.appendingPathComponent("gym-eval-\(getpid())-\(name)").path }

    func evaluation(_ agent: String, steps: String, _ extra: [String] = []) throws -> [String: Any] {
        let out = scratch(agent)
        XCTAssertEqual(try gym(["train", "gridworld-v1", "--agent", agent, "--steps", steps, "--seed", "1", "--out", out] + extra).status, 0)
        let result = try gym("evaluate", "gridworld-v1", "--checkpoint", out + "/agent.ckpt", "--episodes", "4000", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(jsonLines(result.stdout).first)
    }

    func testTheRandomAgentScoresZeroAndALearnedPolicyNearlyOne() throws {
        let random = try evaluation("random", steps: "100")
        XCTAssertEqual(random["acting"] as? String, "random", "the random agent has no greedy policy")
        // Its simulated return agrees with the exact value of the uniform policy (4,000 episodes: a few standard errors).
        XCTAssertEqual(random["normalised_score"] as! Double, 0, accuracy: 0.03)
        let exact = random["random_start_value"] as! Double, simulated = random["mean"] as! Double
        XCTAssertEqual(simulated, exact, accuracy: 4 * (random["standard_error"] as! Double))
        let learned = try evaluation("q-learning", steps: "300000", ["--set", "learning_rate=0.05"])
        XCTAssertEqual(learned["acting"] as? String, "greedy")
        XCTAssertEqual(learned["discount_source"] as? String, "the agent's gamma")
        XCTAssertGreaterThan(learned["normalised_score"] as! Double, 0.95)
        XCTAssertEqual(learned["optimal_start_value"] as! Double, 0.7053, accuracy: 1e-4)
        // The greedy policy's value is known exactly: the shortfall is of it, and the sampled one is reported beside it.
        XCTAssertEqual(learned["shortfall"] as! Double, (learned["optimal_start_value"] as! Double) - (learned["policy_start_value"] as! Double), accuracy: 1e-12)
        XCTAssertEqual(learned["sampled_shortfall"] as! Double, (learned["optimal_start_value"] as! Double) - (learned["discounted_mean"] as! Double), accuracy: 1e-12)
    }

    func testTheGreedyPolicyIsAlsoEvaluatedExactlyOnTheModel() throws {
        // Value iteration's greedy policy is optimal: its exact value is the optimum, whatever the episodes drew.
        let optimal = try evaluation("value-iteration", steps: "10")
        XCTAssertEqual(optimal["policy_start_value"] as! Double, optimal["optimal_start_value"] as! Double, accuracy: 1e-9)
        XCTAssertEqual(optimal["policy_shortfall"] as! Double, 0, accuracy: 1e-9)
        // A learned policy's exact value is what its sampled mean estimates (4,000 episodes: a few standard errors).
        let learned = try evaluation("q-learning", steps: "20000", ["--set", "learning_rate=0.05"])
        let exact = learned["policy_start_value"] as! Double
        XCTAssertLessThan(exact, (learned["optimal_start_value"] as! Double) - 0.01, "20,000 steps leave a gap")
        XCTAssertEqual(exact, learned["discounted_mean"] as! Double, accuracy: 4 * (learned["discounted_standard_error"] as! Double))
        // No exact value for a policy that is not a function of the state alone.
        XCTAssertNil(try evaluation("random", steps: "100")["policy_start_value"])
        let out = scratch("stochastic")
        XCTAssertEqual(try gym("train", "frozen-lake-4x4-v1", "--agent", "ppo", "--steps", "2048", "--out", out).status, 0)
        let sampled = try XCTUnwrap(jsonLines(try gym("evaluate", "frozen-lake-4x4-v1", "--checkpoint", out + "/agent.ckpt", "--stochastic", "--json").stdout).first)
        XCTAssertNil(sampled["policy_start_value"])
        XCTAssertTrue(try gym("evaluate", "frozen-lake-4x4-v1", "--checkpoint", out + "/agent.ckpt").stdout.contains("exactly on the model"))
    }

    func testTheTextReportsAGapNotAPercentage() throws {
        let out = scratch("text")
        XCTAssertEqual(try gym("train", "cliff-walking-v1", "--agent", "random", "--steps", "100", "--out", out).status, 0)
        let text = try gym("evaluate", "cliff-walking-v1", "--checkpoint", out + "/agent.ckpt", "--episodes", "50").stdout
        XCTAssertFalse(text.contains("%"), text)
        XCTAssertTrue(text.contains("acting random"), text)
        XCTAssertTrue(text.contains("shortfall"), text)
    }

    func testEvaluationUsesTheDiscountTheAgentTrainedWith() throws {
        let out = scratch("discount")
        XCTAssertEqual(try gym("train", "frozen-lake-4x4-v1", "--agent", "q-learning", "--steps", "20000", "--set", "gamma=0.9", "--out", out).status, 0)
        let object = try XCTUnwrap(jsonLines(try gym("evaluate", "frozen-lake-4x4-v1", "--checkpoint", out + "/agent.ckpt", "--json").stdout).first)
        XCTAssertEqual(object["discount"] as? Double, 0.9)
        XCTAssertLessThanOrEqual(object["discounted_mean"] as! Double, object["mean"] as! Double, "a discounted return of positive rewards is smaller")
    }
}

final class AgentsCommandTests: CLITestCase {
    func testAgentsListsEveryAgentAndOneAgentsSettings() throws {
        let all = try gym("agents")
        XCTAssertEqual(all.status, 0, all.stderr)
        for name in ["random", "q-learning", "sarsa", "value-iteration", "dqn", "reinforce", "dpg", "a2c", "ppo",
                     "fictitious-play", "regret-matching", "regret-matching-plus", "hedge", "optimistic-hedge"] {
            XCTAssertTrue(all.stdout.contains(name), name)
        }
        let dqn = try jsonLines(try gym("agents", "dqn", "--json").stdout)
        let rate = try XCTUnwrap(dqn.first { $0["key"] as? String == "learning_rate" })
        XCTAssertEqual(rate["default"] as? String, "0.0023")
        XCTAssertEqual(rate["type"] as? String, "number")
        XCTAssertTrue((rate["help"] as? String ?? "").contains("RL Zoo"))
        // A network that cannot fit in memory is refused as a setting, not attempted.
        let huge = try gym("train", "corridor-v0", "--agent", "dqn", "--set", "hidden_sizes=559655114,4660656", "--steps", "10",
                           "--out", FileManager.default.temporaryDirectory.appendingPathComponent("gym-huge-\(getpid())").path)
        XCTAssertEqual(huge.status, 2)
        XCTAssertTrue(huge.stderr.contains("hidden_sizes=559655114,4660656: expected sizes like 64,64 (1 to 4096 units each, at most 16 layers)"), huge.stderr)
        let hedge = try jsonLines(try gym("agents", "hedge", "--json").stdout)
        XCTAssertEqual(hedge.map { $0["key"] as? String }, ["learning_rate", "start"])
        let unknown = try gym("agents", "dqm")
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("unknown agent 'dqm'"), unknown.stderr)
    }
}

/// What people type: negative numbers, bare state names, mistyped action names.
final class TypedInputTests: CLITestCase {
    func testNegativeNumbersAreActionsNotOptions() throws {
        let result = try gym("rollout", "pendulum-v1", "--actions", "-1,-1", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try jsonLines(result.stdout).dropFirst().map { $0["action"] as? [Double] }, [[-1], [-1]])
    }

    func testABareStateNameIsAnInitialState() throws {
        for typed in ["1,0", "\"1,0\""] {
            let result = try gym("rollout", "gridworld-v1", "--initial-state", typed, "--actions", "up", "--jsonl")
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(try jsonLines(result.stdout).first?["observation"] as? Int, 4, typed)
        }
        XCTAssertTrue(try gym("rollout", "corridor-v0", "--initial-state", "[1,").stderr.contains("--initial-state:1:"))
    }

    func testAMistypedActionNameIsNamedWithItsPlaceAndASuggestion() throws {
        let result = try gym("rollout", "gridworld-v1", "--actions", "up,rigth")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--actions, item 2: unknown action name 'rigth'; did you mean 'right'?"), result.stderr)
    }

    func testObservationsPrintTheirShortestDecimal() throws {
        let result = try gym("rollout", "cartpole-v1", "--steps", "1", "--jsonl")
        let values = try XCTUnwrap(try jsonLines(result.stdout).first?["observation"] as? [Double])
        XCTAssertEqual(values.count, 4)
        // No float32 noise: each printed number is the shortest decimal of its Float (1.4975, not 1.497499942779541).
        for line in try jsonLines(result.stdout) {
            for number in try XCTUnwrap(line["observation"] as? [Double]) { XCTAssertEqual(Double(String(Float(number)))!, number) }
        }
    }
}
