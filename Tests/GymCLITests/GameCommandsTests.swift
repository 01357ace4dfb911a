import Foundation
import XCTest

/// gym solve, evaluate, train and convert on the shipped games.
final class GameCommandsTests: CLITestCase {
    func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-games-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func testSolveJSONGivesTheEquilibriumAndValue() throws {
        let result = try gym("solve", "rock-wins-double-v1", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual(object["players"] as? [String], ["row", "column"])
        XCTAssertEqual(object["zero_sum"] as? Bool, true)
        XCTAssertEqual(object["value"] as? Double, 0)
        let equilibria = try XCTUnwrap(object["equilibria"] as? [[String: Any]])
        let strategies = try XCTUnwrap(equilibria.first?["strategies"] as? [String: [Double]])
        XCTAssertEqual(strategies["row"], [0.25, 0.5, 0.25])
        XCTAssertEqual(strategies["column"], [0.25, 0.5, 0.25])
    }

    func testSolveListsTheGeneralSumEquilibriaAndHasNoValue() throws {
        let result = try gym("solve", "bach-or-stravinsky-v1", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertNil(object["value"])
        XCTAssertEqual(object["zero_sum"] as? Bool, false)
        XCTAssertEqual((object["equilibria"] as? [Any])?.count, 3)
        XCTAssertEqual(object["complete"] as? Bool, true)
        let text = try gym("solve", "three-player-matching-pennies-v1")
        XCTAssertEqual(text.status, 2)
        XCTAssertTrue(text.stderr.hasPrefix("error: gym solve does not apply: three-player-matching-pennies-v1 has 3 players"), text.stderr)
    }

    func testEvaluateStrategiesGivesTheExactExploitability() throws {
        let third = "0.3333333333333333"
        let result = try gym("evaluate", "rock-wins-double-v1", "--json", "--strategies",
                             "{\"row\": [\(third), \(third), 0.3333333333333334], \"column\": [\(third), \(third), 0.3333333333333334]}")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual(try XCTUnwrap(object["exploitability"] as? Double), 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(object["nash_conv"] as? Double), 2.0 / 3, accuracy: 1e-15)
        let bad = try gym("evaluate", "rock-wins-double-v1", "--strategies", "{\"row\": [1, 0, 0], \"column\": [0.5, 0.6, 0]}")
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "error: player 'column': the probabilities sum to 1.1, not 1\n")
        let missing = try gym("evaluate", "rock-wins-double-v1", "--strategies", "{\"row\": [1, 0, 0]}")
        XCTAssertEqual(missing.stderr, "error: no strategy for player 'column'\n")
    }

    func testSelfPlayWithRegretMatchingWritesPoliciesThatEvaluate() throws {
        let dir = try temporaryDirectory()
        let train = try gym("train", "rock-paper-scissors-v2", "--self-play", "regret-matching", "--set", "start=random",
                            "--steps", "50000", "--out", dir, "--json")
        XCTAssertEqual(train.status, 0, train.stderr)
        let run = try XCTUnwrap(try jsonLines(train.stdout).last)
        XCTAssertLessThan(try XCTUnwrap(run["exploitability"] as? Double), 0.01)
        XCTAssertGreaterThan(try XCTUnwrap(run["exploitability_current"] as? Double), 0.1)
        let csv = try String(contentsOfFile: dir + "/exploitability.csv", encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("step,exploitability,exploitability_current\n2500,"), csv)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/curve.svg"))

        let evaluate = try gym("evaluate", "rock-paper-scissors-v2", "--checkpoint", dir + "/agent.ckpt", "--json")
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        let object = try XCTUnwrap(try jsonLines(evaluate.stdout).first)
        XCTAssertEqual(object["exploitability"] as? Double, run["exploitability"] as? Double)
        XCTAssertEqual(object["exploitability_current"] as? Double, run["exploitability_current"] as? Double)
        let policy = try XCTUnwrap(object["policy"] as? [String: [Double]])
        for p in ["player_0", "player_1"] { for x in try XCTUnwrap(policy[p]) { XCTAssertEqual(x, 1.0 / 3, accuracy: 0.005) } }
    }

    func testSelfPlayOfIndependentAgents() throws {
        let dir = try temporaryDirectory()
        let train = try gym("train", "rock-wins-double-v1", "--agents", "q-learning,q-learning", "--steps", "3000", "--out", dir, "--json")
        XCTAssertEqual(train.status, 0, train.stderr)
        let run = try XCTUnwrap(try jsonLines(train.stdout).last)
        XCTAssertNotNil(run["exploitability"] as? Double)
        for file in ["agent.ckpt", "agent-row.ckpt", "agent-column.ckpt", "exploitability.csv", "run.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + file), file)
        }
        let wrong = try gym("train", "rock-paper-scissors-v2", "--agents", "ppo,ppo,ppo", "--steps", "10", "--out", dir)
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("--agents names 3 agents, but rock-paper-scissors-v2 has 2 players (player_0, player_1)"), wrong.stderr)
        let single = try gym("train", "rock-paper-scissors-v2", "--agent", "ppo", "--steps", "10", "--out", dir)
        XCTAssertEqual(single.status, 2)
        XCTAssertTrue(single.stderr.contains("is a game in which every player (player_0, player_1) is an agent"), single.stderr)
    }

    func testConvertRoundTripsThroughGambitFiles() throws {
        let dir = try temporaryDirectory()
        let json = dir + "/asymmetric.json"
        try """
        {"format": "swiftgym.mdp/1", "id": "asymmetric-v1", "kind": "matrix-game", "players": ["alice", "bob"],
         "actions": {"alice": ["up", "down"], "bob": ["left", "middle", "right"]},
         "payoffs": {"alice": [[1, 2, 3], [4, 5, 6]], "bob": [[-1, 0.5, 7], [8, 9, 1.25]]}, "rounds": 1}
        """.write(toFile: json, atomically: true, encoding: .utf8)
        XCTAssertEqual(try gym("convert", json, dir + "/a.nfg").status, 0)
        let nfg = try String(contentsOfFile: dir + "/a.nfg", encoding: .utf8)
        XCTAssertTrue(nfg.hasSuffix("1 -1\n4 8\n2 0.5\n5 9\n3 7\n6 1.25\n"), nfg)
        XCTAssertEqual(try gym("convert", dir + "/a.nfg", dir + "/back.json").status, 0)
        let first = try gym("evaluate", json, "--strategies", "{\"alice\": [0.5, 0.5], \"bob\": [0, 0, 1]}", "--json")
        let second = try gym("evaluate", dir + "/back.json", "--strategies", "{\"alice\": [0.5, 0.5], \"bob\": [0, 0, 1]}", "--json")
        let a = try XCTUnwrap(try jsonLines(first.stdout).first), b = try XCTUnwrap(try jsonLines(second.stdout).first)
        XCTAssertEqual(a["payoffs"] as? [String: Double], ["alice": 4.5, "bob": 4.125])
        XCTAssertEqual(a["payoffs"] as? [String: Double], b["payoffs"] as? [String: Double])

        try "NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 1\n2 two".write(toFile: dir + "/bad.nfg", atomically: true, encoding: .utf8)
        let bad = try gym("solve", dir + "/bad.nfg")
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "error: \(dir)/bad.nfg:3:3: expected payoff 2 of profile 2 of 4 (a number such as 3, -1.5 or 2/3), found 'two'\n")
    }

    func testCheckRunsTheParallelChecksOnGames() throws {
        let result = try gym("check", "rock-paper-scissors-v2", "three-player-matching-pennies-v1")
        XCTAssertEqual(result.status, 0, result.stdout)
        XCTAssertTrue(result.stdout.contains("ok    parallel.seeding"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("check: 12 passed, 0 failed, 0 skipped\n"), result.stdout)
    }

    func testListInspectAndRolloutShowGames() throws {
        let list = try gym("list")
        XCTAssertTrue(list.stdout.contains("three-player-matching-pennies-v1  matrix-game, 3 agents"), list.stdout)
        let inspect = try gym("inspect", "prisoners-dilemma-v2")
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("defect        10, 0      1, 1"), inspect.stdout)
        let json = try XCTUnwrap(try jsonLines(try gym("inspect", "three-player-matching-pennies-v1", "--json").stdout).first)
        XCTAssertEqual((json["payoffs"] as? [String: [Double]])?["third"], [-1, 1, -1, 1, 1, -1, 1, -1])
        let rollout = try gym("rollout", "rock-paper-scissors-v2", "--seed", "2")
        XCTAssertEqual(rollout.status, 0, rollout.stderr)
        XCTAssertTrue(rollout.stdout.hasPrefix("round 1: player_0 played "), rollout.stdout)
        XCTAssertTrue(rollout.stdout.contains("15 rounds; returns: player_0 "), rollout.stdout)
        XCTAssertEqual(rollout.stdout, try gym("rollout", "rock-paper-scissors-v2", "--seed", "2").stdout)
        let refused = try gym("rollout", "rock-paper-scissors-v2", "--actions", "0,1")
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("gym rollout plays it with every player at random"), refused.stderr)
    }
}
