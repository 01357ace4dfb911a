import Gym
import GymMDP
import XCTest
import GymJSON

/// One broken file per validation rule; each must be rejected with the message that names the place.
final class BrokenSpecTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BrokenSpecs")

    /// File name (without .json) → the text its error must contain.
    static let expectations: [String: String] = [
        "syntax-error": "syntax-error.json:5:23: JSON syntax error: unexpected character",
        "not-an-object": "$: an MDP file holds one JSON object, got an array",
        "wrong-format": "$.format: unsupported format 'swiftgym.mdp/2'; supported: swiftgym.mdp/1",
        "missing-format": "$.format: required member 'format' is missing",
        "bad-id": "$.id: 'grid world' is not a valid id",
        "unknown-kind": "$.kind: unknown kind 'pomdp'; known kinds: dynamics, grid, matrix-game, tabular",
        "unknown-member": "$.discont: unknown member 'discont'; did you mean 'discount'?",
        "wrong-type": "$.states: expected an array, got a string",
        "probabilities-do-not-sum": "$.transitions.s0.go: probabilities of state 's0', action 'go' sum to 0.9, not 1",
        "negative-probability": "$.transitions.s0.go[1].p: -0.1 is not a probability in [0, 1]",
        "unknown-next-state": "$.transitions.s0.go[0].to: unknown state 's9'",
        "unknown-action": "$.transitions.s0.jump: unknown action 'jump'",
        "missing-pair": "$.transitions: no outcomes for s0.stay; give them, or set \"missing\": \"stay\"",
        "duplicate-state": "$.states[2]: duplicate name 's0'",
        "unknown-start": "$.start: unknown state 'nowhere'",
        "terminal-start": "$.start: start state 'end' is terminal",
        "start-not-a-distribution": "$.start: start distribution: probabilities sum to 1.1, not 1",
        "undefined-parameter": "$.living_reward: parameter 'living' is referenced but not defined in $.parameters",
        "unused-parameter": "$.parameters.unused: parameter 'unused' is defined but never referenced",
        "non-numeric-parameter": "$.parameters.living: a parameter's default must be a number, got a string",
        "non-rectangular-layout": "$.layout[1]: row has 3 cells but row 0 has 4: the layout must be rectangular",
        "character-not-in-legend": "$.layout[0]: character 'X' at column 1 is not in the legend",
        "no-start-cell": "$.layout: the layout has no start cell",
        "unknown-cell-type": "$.legend[\"#\"].type: unknown cell type 'lava'",
        "drift-does-not-sum": "$.drift: drift: probabilities sum to 1.1, not 1",
        "unknown-move": "$.actions[1]: unknown move 'jump'; grid actions are up, right, down, left",
        "bad-teleport": "$.legend[\".\"].teleport: teleport target '9,9' is neither \"start\" nor",
        "payoff-shape": "$.payoff[1]: expected 3 entries (one per opponent action), got 2",
        "payoff-rows": "$.payoff: expected 3 rows (one per agent action), got 2",
        "unknown-opponent": "$.opponent.type: unknown opponent type 'clever'",
        "opponent-strategy-does-not-sum": "$.opponent.probabilities: opponent strategy: probabilities sum to 1.5, not 1",
        "reactive-missing-response": "$.opponent.responses: no response to the agent's move 'scissors'",
        "sequence-unknown-move": "$.opponent.moves[1]: unknown opponent action 'lizard'",
        "table-short-row": "$.table[1]: a table row is [state, action, p, next, reward], got 4 items",
        "table-index-out-of-range": "$.table[1][3]: state index 7 is outside 0...2",
        "transitions-and-table": "$.table: give either 'transitions' or 'table', not both",
        "negative-discount": "$.discount: -0.5 is not in [0, 1]",
        "non-finite-discount": "$.discount: NaN is not in [0, 1]",
        "many-errors": "$.discount: 2 is not in [0, 1]",
    ]

    func message(loading name: String) -> String? {
        let path = BrokenSpecTests.folder.appendingPathComponent(name + ".json").path
        do {
            _ = try MDPFile(path: path).compile()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testEveryBrokenFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: BrokenSpecTests.folder.path).filter { $0.hasSuffix(".json") }
        XCTAssertGreaterThanOrEqual(files.count, 20)
        XCTAssertEqual(Set(files.map { String($0.dropLast(5)) }), Set(BrokenSpecTests.expectations.keys))
    }

    func testEachBrokenFileIsRejectedWithItsMessageAndFileName() {
        for (name, expected) in BrokenSpecTests.expectations.sorted(by: { $0.key < $1.key }) {
            guard let message = message(loading: name) else {
                XCTFail("\(name).json was accepted")
                continue
            }
            XCTAssertTrue(message.contains(expected), "\(name).json: expected «\(expected)» in «\(message)»")
            XCTAssertTrue(message.contains("BrokenSpecs/\(name).json"), "\(name).json: the message must name the file: \(message)")
        }
    }

    func testOneRuleBrokenGivesExactlyOneError() {
        for name in ["unknown-next-state", "table-short-row", "bad-teleport", "terminal-start", "unknown-action"] {
            let message = message(loading: name) ?? ""
            XCTAssertTrue(message.contains(": 1 error\n"), "\(name).json should report one error, got: \(message)")
        }
    }

    func testSeveralErrorsAreReportedAtOnce() {
        let message = message(loading: "many-errors") ?? ""
        XCTAssertTrue(message.contains("3 errors"), message)
        XCTAssertTrue(message.contains("$.max_episode_steps: 0 is not a positive integer"), message)
        XCTAssertTrue(message.contains("$.start: unknown state 'nowhere'"), message)
    }

    func testTypeAndRangeErrorsCarryWhatWasExpectedAndWhatTheFileHolds() throws {
        func issues(_ name: String) throws -> [SpecIssue] {
            let path = BrokenSpecTests.folder.appendingPathComponent("\(name).json").path
            do {
                _ = try MDPFile(path: path).compile()
            } catch let error as SpecificationErrors {
                XCTAssertEqual(error.file, path)
                return error.issues
            }
            XCTFail("\(name).json loaded")
            return []
        }
        XCTAssertEqual(try issues("negative-discount"),
                       [SpecIssue(path: "$.discount", message: "-0.5 is not in [0, 1]", expected: "in [0, 1]", actual: "-0.5")])
        XCTAssertEqual(try issues("wrong-type").first,
                       SpecIssue(path: "$.states", message: "expected an array, got a string", expected: "an array", actual: "a string"))
        let unknown = try XCTUnwrap(try issues("unknown-start").first)
        XCTAssertNil(unknown.expected, "a reference to an unknown name is not a type or range problem")
    }

    /// Files cannot repeat a key (the reader keeps the last value), but an `OrderedJSON` made in code can.
    func testRepeatedMemberMadeInCodeIsAnError() throws {
        let outcome: OrderedJSON = .object([("p", .number(0.5)), ("to", .string("end")), ("p", .number(1))])
        let json: OrderedJSON = .object([
            ("format", .string(MDPFile.format)), ("id", .string("repeat-v1")), ("kind", .string("tabular")),
            ("states", .array([.string("s0"), .string("end")])), ("actions", .array([.string("go")])),
            ("start", .string("s0")), ("terminal", .array([.string("end")])),
            ("transitions", .object([("s0", .object([("go", .array([outcome]))]))])),
        ])
        XCTAssertThrowsError(try MDPFile(json: json, path: "code").compile()) { error in
            XCTAssertTrue("\(error)".contains("$.transitions.s0.go[0].p: duplicate member 'p'"), "\(error)")
        }
    }
}
