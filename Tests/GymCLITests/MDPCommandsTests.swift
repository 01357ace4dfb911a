import XCTest

final class MDPCommandsTests: CLITestCase {
    func testSolveGridworldPrintsTheTextbookTableAndArrows() throws {
        let result = try gym("solve", "gridworld-v1")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("0.812  0.868  0.918    [+]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("0.705  0.655  0.611  0.388"), result.stdout)
        XCTAssertTrue(result.stdout.contains("↑ ← ← ←"), result.stdout)
    }

    func testSolveJSONHasValuesPolicyAndGridValues() throws {
        let result = try gym("solve", "gridworld-v1", "--gamma", "1", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual(object["gamma"] as? Double, 1)
        XCTAssertEqual((object["states"] as? [String])?.count, 11)
        let values = try XCTUnwrap(object["values"] as? [Double])
        XCTAssertEqual(values[0], 0.8115582192, accuracy: 1e-9)
        let grid = try XCTUnwrap(object["grid_values"] as? [[Any]])
        XCTAssertTrue(grid[1][1] is NSNull, "walls are null")
        XCTAssertEqual((object["policy"] as? [Any])?.first as? String, "right")
    }

    func testSolveTakesParametersAndPaths() throws {
        let result = try gym("solve", "Environments/gridworld-v1.json", "--param", "living_reward=-2", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual((object["policy"] as? [Any])?[5] as? String, "right")
        let policyIteration = try gym("solve", "frozen-lake-4x4-v1", "--method", "policy-iteration")
        XCTAssertTrue(policyIteration.stdout.contains("value of the start state 0,0: 0.5420"), policyIteration.stdout)
    }

    func testSolveRefusesEnvironmentsWithoutAModel() throws {
        let result = try gym("solve", "rock-paper-scissors-exploiter-v1")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("has no known tabular model"), result.stderr)
    }

    func testValidateReportsEveryFileAndExitsTwoOnErrors() throws {
        let good = try gym("validate", "Environments/gridworld-v1.json", "Environments/cliff-walking-v1.json")
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(good.stdout.split(separator: "\n").count, 2)
        let bad = try gym("validate", "Environments/gridworld-v1.json", "Tests/GymMDPTests/BrokenSpecs/many-errors.json",
                          "Tests/GymMDPTests/BrokenSpecs/syntax-error.json")
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("many-errors.json: $.discount: 2 is not in [0, 1]"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("syntax-error.json:5:23"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("2 of 3 files invalid"), bad.stderr)
    }

    func testListShowsShippedEnvironmentsAndEnvironmentsOnGymPath() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-path-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mine = """
            {"format": "swiftgym.mdp/1", "id": "two-states-v1", "kind": "tabular", "title": "mine",
             "states": ["a", "b"], "actions": ["go"], "start": "a", "terminal": ["b"],
             "transitions": {"a": {"go": [{"p": 1, "to": "b", "reward": 1}]}}}
            """
        try mine.write(to: dir.appendingPathComponent("two-states-v1.json"), atomically: true, encoding: .utf8)
        try "{\"format\": \"swiftgym.mdp/1\", broken".write(to: dir.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        // Other JSON on the path (a package manifest, a settings file) is not an MDP, and not warned about.
        try "{\"name\": \"tools\"}".write(to: dir.appendingPathComponent("package.json"), atomically: true, encoding: .utf8)
        let result = try gym("list", environment: ["GYM_PATH": dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        for id in ["gridworld-v1", "frozen-lake-8x8-v1", "cliff-walking-v1", "rock-paper-scissors-exploiter-v1", "two-states-v1"] {
            XCTAssertTrue(result.stdout.contains(id), "\(id) missing from:\n\(result.stdout)")
        }
        XCTAssertTrue(result.stderr.contains("broken.json:1:"), result.stderr)
        XCTAssertFalse(result.stderr.contains("package.json"), result.stderr)
        let rollout = try gym("rollout", "two-states-v1", "--actions", "go", "--jsonl", environment: ["GYM_PATH": dir.path])
        XCTAssertEqual(try jsonLines(rollout.stdout).last?["terminated"] as? Bool, true)
    }

    func testRolloutOnAGridAcceptsActionNames() throws {
        let result = try gym("rollout", "cliff-walking-v1", "--actions", "right", "--jsonl")
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.last?["reward"] as? Double, -100)
        XCTAssertEqual(lines.last?["observation"] as? Int, 36)
    }

    func testRolloutOfADynamicsMDPWithContinuousActionsAndAnInitialState() throws {
        let result = try gym("rollout", "pendulum-v1", "--initial-state", "[1.0, 0.5]", "--actions", "[[0.3], [-1.2]]", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual((lines[1]["action"] as? [Double]), [0.3])
        let state = try XCTUnwrap(lines[1]["state"] as? [Double])
        XCTAssertEqual(state.count, 2)
        XCTAssertEqual(lines[1]["reward"] as! Double, -(1.0 + 0.1 * 0.25 + 0.001 * 0.09), accuracy: 1e-12)
        let bad = try gym("rollout", "pendulum-v1", "--actions", "[[2.5]]")
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("outside [-2.0, 2.0]"), bad.stderr)
    }

    func testBenchSmokeRun() throws {
        let result = try gym("bench", "cartpole-v1", "gridworld-v1", "--steps", "1000", "--repeats", "1", "--envs", "3", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.map { "\($0["id"]!) \($0["variant"]!)" }, [
            "cartpole-v1 raw", "cartpole-v1 wrapped (make)", "cartpole-v1 inside EpisodeGuard", "cartpole-v1 vector of 3, batched, 1 thread",
            "cartpole-v1 vector of 3, copies one by one",
            "cartpole-v1 hand-written Swift",
            "gridworld-v1 raw", "gridworld-v1 wrapped (make)", "gridworld-v1 inside EpisodeGuard", "gridworld-v1 vector of 3, batched, 1 thread",
            "gridworld-v1 vector of 3, copies one by one",
        ])
        XCTAssertTrue(lines.allSatisfy { ($0["steps_per_second"] as? Double ?? 0) > 0 })
        // Every variant but the raw environment reports its speed as a fraction of the raw one's.
        XCTAssertEqual(lines.map { $0["ratio_to_raw"] == nil }, lines.map { ($0["variant"] as? String) == "raw" })
    }

    func testBenchMeasuresTrainingAndALargeGeneratedMDP() throws {
        let result = try gym("bench", "gridworld-v1", "--steps", "500", "--repeats", "1", "--envs", "0", "--training", "--training-steps", "1500",
                             "--large-mdp", "2000", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.compactMap { $0["variant"] as? String }, ["raw", "wrapped (make)", "inside EpisodeGuard"])
        let training = try XCTUnwrap(lines.first { $0["training"] != nil })
        XCTAssertEqual(training["steps"] as? Double, 1500)
        XCTAssertEqual(training["updates"] as? Double, 256, "128 gradient steps at steps 1024 and 1280 (learning starts after 1000, every 256 steps)")
        let large = lines.filter { $0["large_mdp_states"] as? Double == 2000 }
        XCTAssertEqual(large.compactMap { $0["form"] as? String }, ["table", "transitions"], "both forms of the same MDP are loaded")
        XCTAssertTrue(large.filter { $0["form"] != nil }.allSatisfy { ($0["load_seconds"] as? Double ?? 0) > 0 })
        XCTAssertGreaterThan(large.last?["value_iteration_sweeps"] as? Double ?? 0, 10)
    }

    func testCheckPassesOnShippedEnvironmentsAndExitsOneOnFailure() throws {
        let good = try gym("check", "gridworld-v1", "cartpole-v1")
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
        XCTAssertTrue(good.stdout.contains("  ok    stochastics.transitions"), good.stdout)
        XCTAssertTrue(good.stdout.contains("failed"), good.stdout)
        // A JSON MDP whose observation leaves its declared bounds after five steps.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-check-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = """
            {"format": "swiftgym.mdp/1", "id": "leaky-v1", "kind": "dynamics", "state": [{"name": "x", "init": 0}],
             "actions": {"type": "discrete", "names": ["a"]}, "next": {"x": "x + 1"}, "reward": "0",
             "observation": {"expressions": ["x"], "low": [0], "high": [5]}, "max_episode_steps": 50}
            """
        let path = dir.appendingPathComponent("leaky-v1.json").path
        try bad.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try gym("check", path, "--json")
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let checks = try XCTUnwrap(try jsonLines(result.stdout).first?["checks"] as? [[String: Any]])
        let observations = try XCTUnwrap(checks.first { $0["id"] as? String == "spaces.observations" })
        XCTAssertEqual(observations["status"] as? String, "failed")
        XCTAssertTrue((observations["message"] as? String ?? "").contains("outside"), "\(observations)")
        XCTAssertEqual(try gym("check", "gridworld-v1", "--only", "nope").status, 2)
    }

    func testPluginsWorkFromTheCommandLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-cli-plugin-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let library = try buildInventoryPlugin(in: dir)
        let check = try gym("check", library)
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        let rollout = try gym("rollout", "inventory/inventory-v1", "--plugin", library, "--seed", "7", "--actions", "0,3,5", "--jsonl")
        XCTAssertEqual(rollout.status, 0, rollout.stderr)
        XCTAssertEqual(try jsonLines(rollout.stdout).map { $0["observation"] as? Int }, [5, 4, 4, 7])
        let listed = try gym("list", environment: ["GYM_PLUGIN_PATH": dir.path])
        XCTAssertTrue(listed.stdout.contains("inventory/inventory-v1"), listed.stdout)
        let bench = try gym("bench", library, "--steps", "500", "--repeats", "1", "--envs", "2", "--json")
        XCTAssertEqual(bench.status, 0, bench.stderr)
        XCTAssertEqual(try jsonLines(bench.stdout).compactMap { $0["variant"] as? String },
                       ["raw", "wrapped (make)", "inside EpisodeGuard", "vector of 2, copies, 1 thread",
                        "isolated, own process", "isolated vector of 2, one round trip a step"],
                       "in process a plugin has no batched path (its copies step one by one); isolated, its copies step in one round trip")
        let missing = try gym("rollout", dir.appendingPathComponent("libmissing.so").path)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("libmissing.so: no such file"), missing.stderr)
    }

    func testTrainEvaluateActAndCompareWriteTheirOutputs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-train-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let train = try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "3000", "--param", "slip=0", "--set", "learning_rate=0.5", "--out", dir)
        XCTAssertEqual(train.status, 0, train.stderr)
        for file in ["metrics.csv", "evaluations.csv", "curve.svg", "agent.ckpt", "run.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + file), file)
        }
        XCTAssertTrue(try String(contentsOfFile: dir + "/metrics.csv", encoding: .utf8).hasPrefix("step,episode,return,length,"))
        let evaluate = try gym("evaluate", "corridor-v0", "--param", "slip=0", "--checkpoint", dir + "/agent.ckpt", "--episodes", "3", "--json")
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        XCTAssertEqual(try jsonLines(evaluate.stdout).first?["mean"] as? Double, 5)
        let stochastic = try gym("evaluate", "corridor-v0", "--param", "slip=0", "--checkpoint", dir + "/agent.ckpt", "--episodes", "3", "--stochastic", "--json")
        XCTAssertEqual(try jsonLines(stochastic.stdout).first?["stochastic"] as? Bool, true, stochastic.stderr)
        let act = try gym("act", "--checkpoint", dir + "/agent.ckpt", "--observation", "2")
        XCTAssertTrue(act.stdout.contains("action 1 (right)"), act.stdout + act.stderr)
        let wrongEnvironment = try gym("evaluate", "gridworld-v1", "--checkpoint", dir + "/agent.ckpt")
        XCTAssertEqual(wrongEnvironment.status, 2)
        XCTAssertTrue(wrongEnvironment.stderr.contains("was trained on corridor-v0, not gridworld-v1"), wrongEnvironment.stderr)
        let compare = try gym("compare", "corridor-v0", "--agents", "q-learning,random", "--seeds", "2", "--steps", "2000", "--out", dir + "/cmp")
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/cmp/compare.svg"))
        XCTAssertTrue(compare.stdout.contains("final return (mean ± std over 2 seeds)"), compare.stdout)
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "a3c").status, 2)
    }
}
