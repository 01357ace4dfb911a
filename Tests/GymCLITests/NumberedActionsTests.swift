import Foundation
import XCTest

/// Actions named by numbers, as Jack's car rental's moves "-5" ... "5": a word that is an action's name
/// means that action, at `gym rollout --actions` and at `gym play` (Specs/protocol.md, "Actions written as text").
final class NumberedActionsTests: CLITestCase {
    private var file: URL!

    /// One state; every action stays there with a reward equal to its name, so the rewards say which actions ran.
    override func setUpWithError() throws {
        let names = (-5...5).map(String.init)
        let outcomes = names.map { "\"\($0)\": [{\"p\": 1, \"to\": \"here\", \"reward\": \($0)}]" }.joined(separator: ", ")
        let mdp = """
            {"format": "swiftgym.mdp/1", "id": "moves-v1", "kind": "tabular",
             "states": ["here"], "actions": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))], "start": "here",
             "transitions": {"here": {\(outcomes)}}}
            """
        file = FileManager.default.temporaryDirectory.appendingPathComponent("numbered-actions-\(getpid())-\(name.hashValue).json")
        try mdp.write(to: file, atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: file) }

    func testRolloutTakesTheActionsNamedByTheNumbers() throws {
        let result = try gym("rollout", file.path, "--actions", "5,0,-1", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        let steps = try jsonLines(result.stdout).dropFirst()
        XCTAssertEqual(steps.map { $0["reward"] as? Double }, [5, 0, -1])
        XCTAssertEqual(steps.map { $0["action"] as? Int }, [10, 5, 4])
    }

    func testRolloutReadsAnIntegerThatIsNoNameAsTheActionItself() throws {
        let result = try gym("rollout", file.path, "--actions", "6,10", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try jsonLines(result.stdout).dropFirst().map { $0["reward"] as? Double }, [1, 5])
    }

    func testRolloutReadsJSONNumbersAsActionsAndJSONStringsAsWords() throws {
        let result = try gym("rollout", file.path, "--actions", "[5, \"5\"]", "--jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try jsonLines(result.stdout).dropFirst().map { $0["reward"] as? Double }, [0, 5])
    }

    func testRolloutRefusesAWordThatIsNeitherWithExitTwo() throws {
        let result = try gym("rollout", file.path, "--actions", "5,five")
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--actions, item 2: unknown action name 'five'"), result.stderr)
    }

    func testPlayTakesTheActionsNamedByTheNumbers() throws {
        let result = try gym("play", file.path, input: "5\n0\n-1\nquit\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let rewards = result.stdout.split(separator: "\n").filter { $0.hasPrefix("reward") }
        XCTAssertEqual(rewards, ["reward 5  return 5", "reward 0  return 5", "reward -1  return 4"], result.stdout)
    }
}
