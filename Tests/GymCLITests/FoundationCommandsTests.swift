import XCTest

final class FoundationCommandsTests: CLITestCase {
    func testListShowsTheCorridor() throws {
        let result = try gym("list")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("corridor-v0"))
        XCTAssertTrue(result.stdout.contains("Discrete(6)"))
    }

    func testRolloutPrintsOneJSONObjectPerStep() throws {
        let result = try gym("rollout", "corridor-v0", "--seed", "3", "--param", "slip=0", "--actions", "right,right,left,1,1,1,1", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try jsonLines(result.stdout)
        XCTAssertEqual(lines.count, 8)
        XCTAssertEqual(lines[0]["observation"] as? Int, 0)
        XCTAssertEqual(lines.map { $0["observation"] as? Int }, [0, 1, 2, 1, 2, 3, 4, 5])
        XCTAssertEqual(lines.last?["terminated"] as? Bool, true)
        XCTAssertEqual(lines.last?["reward"] as? Double, 9)
    }

    func testRolloutIsReproducibleForASeed() throws {
        let a = try gym("rollout", "corridor-v0", "--seed", "5", "--policy", "random", "--steps", "30", "--jsonl")
        let b = try gym("rollout", "corridor-v0", "--seed", "5", "--policy", "random", "--steps", "30", "--jsonl")
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertFalse(a.stdout.isEmpty)
    }

    /// 34 rewards of -0.04 and one of 0.96 sum to -0.4000000000000006 in floating point; people read -0.4.
    func testRolloutPrintsTheReturnWithoutRoundingNoise() throws {
        let result = try gym("rollout", "gridworld-v1", "--policy", "random", "--seed", "1")
        XCTAssertEqual(result.stdout.split(separator: "\n").last, "return -0.4 over 35 steps", result.stdout)
    }

    func testRolloutHonoursTheInitialState() throws {
        let result = try gym("rollout", "corridor-v0", "--param", "slip=0", "--initial-state", "4", "--actions", "right", "--jsonl")
        XCTAssertEqual(try jsonLines(result.stdout).map { $0["observation"] as? Int }, [4, 5])
    }

    func testUsageAndInputErrorsExitWithTwo() throws {
        let unknown = try gym("rollout", "corridr-v0")
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'corridor-v0'?"), unknown.stderr)
        let badAction = try gym("rollout", "corridor-v0", "--actions", "7")
        XCTAssertEqual(badAction.status, 2)
        XCTAssertTrue(badAction.stderr.contains("7 is outside 0...1"), badAction.stderr)
        let badJSON = try gym("rollout", "corridor-v0", "--initial-state", "[1,")
        XCTAssertEqual(badJSON.status, 2)
        XCTAssertTrue(badJSON.stderr.contains("--initial-state:1:"), badJSON.stderr)
        XCTAssertEqual(try gym("rollout", "corridor-v0", "--no-such-flag").status, 2)
        XCTAssertEqual(try gym("inspect", "corridor-v0", "--param", "nope=1").status, 2)
    }

    func testInspectPrintsSpacesAndParameters() throws {
        let result = try gym("inspect", "corridor-v0", "--json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(try jsonLines(result.stdout).first)
        XCTAssertEqual(object["max_episode_steps"] as? Int, 100)
        XCTAssertEqual((object["action_names"] as? [String]), ["left", "right"])
    }

    func testPlayReadsActionsFromStandardInput() throws {
        let result = try gym("play", "corridor-v0", "--param", "slip=0", "--param", "length=3", input: "right\nbogus\nright\nquit\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("unknown action name 'bogus'"), result.stdout)
        XCTAssertTrue(result.stdout.contains("episode terminated"), result.stdout)
    }
}
