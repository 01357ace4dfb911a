import Foundation
import XCTest

/// Text output shows what a person reads: the best few action values and the nonzero probabilities;
/// `--all` prints every one, and `--json` always has everything.
final class AbridgedOutputTests: CLITestCase {
    func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-abridged-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try contents.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    /// 40 states and 50 actions: action a moves from s to s + a + 1 (mod 40) for a reward that prefers high a.
    func manyActions() throws -> String {
        let rows = (0..<39).flatMap { s in (0..<50).map { a in "[\(s), \(a), 1, \((s + a + 1) % 40), \(Double(a) / 50 - Double(s % 7) / 10)]" } }
        return try temporaryFile("many-actions-v1.json", """
            {"format": "swiftgym.mdp/1", "id": "many-actions-v1", "kind": "tabular", "discount": 0.9,
             "states": [\((0..<40).map { "\"s\($0)\"" }.joined(separator: ", "))], "actions": [\((0..<50).map { "\"a\($0)\"" }.joined(separator: ", "))],
             "start": "s0", "terminal": ["s39"], "table": [\(rows.joined(separator: ", "))]}
            """)
    }

    /// 64 moves each: matching pennies on m0 and m1, every other move dominated.
    func bigPennies() throws -> String {
        let payoff = (0..<64).map { i in
            "[" + (0..<64).map { j in i < 2 && j < 2 ? (i == j ? "1" : "-1") : i < 2 ? "2" : j < 2 ? "-2" : "0" }.joined(separator: ", ") + "]"
        }
        return try temporaryFile("big-pennies-v1.json", """
            {"format": "swiftgym.mdp/1", "id": "big-pennies-v1", "kind": "matrix-game", "players": ["row", "column"],
             "actions": [\((0..<64).map { "\"m\($0)\"" }.joined(separator: ", "))], "payoff": [\(payoff.joined(separator: ", "))], "rounds": 3}
            """)
    }

    func testSolveShowsTheBestThreeActionValuesUnlessAll() throws {
        let file = try manyActions()
        let text = try gym("solve", file)
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n")
        let s0 = try XCTUnwrap(lines.first { $0.hasPrefix("s0 ") })
        XCTAssertEqual(s0.components(separatedBy: "=").count - 1, 3, String(s0))
        XCTAssertTrue(s0.hasSuffix("… 47 more"), String(s0))
        let shown = s0.split(separator: " ").filter { $0.contains("=") }.map { Double($0.split(separator: "=")[1])! }
        XCTAssertEqual(shown, shown.sorted(by: >), "the best first: \(s0)")
        XCTAssertTrue(s0.contains(String(format: "%.4f", shown[0]).dropLast(1)), "the best is the state's value: \(s0)")
        XCTAssertLessThan(lines.map(\.count).max()!, 100, text.stdout)
        XCTAssertTrue(text.stdout.contains("action values: the best 3 of 50 of each state (--all prints every one"), text.stdout)

        let all = try gym("solve", file, "--all")
        let full = try XCTUnwrap(all.stdout.split(separator: "\n").first { $0.hasPrefix("s0 ") })
        XCTAssertEqual(full.components(separatedBy: "=").count - 1, 50, String(full))
        XCTAssertTrue(full.contains("a0=") && full.contains("a49="), String(full))
        XCTAssertFalse(all.stdout.contains("more"), all.stdout)

        let json = try gym("solve", file, "--json")
        XCTAssertEqual(json.stdout, try gym("solve", file, "--json", "--all").stdout)
        let object = try XCTUnwrap(jsonLines(json.stdout).first)
        XCTAssertEqual((object["values"] as? [Double])?.count, 40)
        XCTAssertEqual((object["policy"] as? [Any])?.count, 40)
    }

    func testGameStrategiesShowOnlyTheirNonzeroProbabilitiesUnlessAll() throws {
        let file = try bigPennies()
        let solve = try gym("solve", file)
        XCTAssertEqual(solve.status, 0, solve.stderr)
        XCTAssertTrue(solve.stdout.contains("  row: m0 0.5, m1 0.5; 62 other actions 0  (payoff 0)"), solve.stdout)
        XCTAssertLessThan(solve.stdout.split(separator: "\n").map(\.count).max()!, 160, solve.stdout)
        let all = try gym("solve", file, "--all")
        XCTAssertTrue(all.stdout.contains("  row: m0 0.5, m1 0.5, m2 0, m3 0,"), all.stdout)
        XCTAssertTrue(all.stdout.contains(", m63 0  (payoff 0)"), all.stdout)
        let json = try XCTUnwrap(jsonLines(try gym("solve", file, "--json").stdout).first)
        let strategies = try XCTUnwrap((json["equilibria"] as? [[String: Any]])?.first?["strategies"] as? [String: [Double]])
        XCTAssertEqual(strategies["row"], [0.5, 0.5] + Array(repeating: 0, count: 62))

        // A strategy with many nonzero probabilities: the 8 largest, then how many more and their total.
        let uniform = "[" + Array(repeating: "0.015625", count: 64).joined(separator: ", ") + "]"
        let pennies = "[0.5, 0.5" + String(repeating: ", 0", count: 62) + "]"
        let evaluate = try gym("evaluate", file, "--strategies", "{\"row\": \(uniform), \"column\": \(pennies)}")
        XCTAssertEqual(evaluate.status, 0, evaluate.stderr)
        XCTAssertTrue(evaluate.stdout.contains("  row: m0 0.015625, m1 0.015625, m2 0.015625, m3 0.015625, m4 0.015625, m5 0.015625, m6 0.015625, "
                                               + "m7 0.015625, … 56 more (0.875 in all)  payoff"), evaluate.stdout)
        XCTAssertTrue(evaluate.stdout.contains("  column: m0 0.5, m1 0.5; 62 other actions 0  payoff"), evaluate.stdout)
        let everything = try gym("evaluate", file, "--strategies", "{\"row\": \(uniform), \"column\": \(pennies)}", "--all")
        XCTAssertTrue(everything.stdout.contains("m63 0.015625  payoff"), everything.stdout)
    }

    func testInspectShowsTheCornerOfALargeBimatrixUnlessAll() throws {
        let file = try bigPennies()
        let inspect = try gym("inspect", file)
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("  row: actions m0, m1, m2, m3, m4, m5, m6, m7, … 56 more; observation"), inspect.stdout)
        XCTAssertTrue(inspect.stdout.contains("the first 8 rows and 8 columns of 64 × 64 (gym inspect --all prints the whole table"), inspect.stdout)
        XCTAssertLessThan(inspect.stdout.split(separator: "\n").count, 20, inspect.stdout)
        let all = try gym("inspect", file, "--all")
        XCTAssertGreaterThan(all.stdout.split(separator: "\n").count, 64, all.stdout)
        XCTAssertTrue(all.stdout.contains("m62, m63; observation"), all.stdout)
        let json = try XCTUnwrap(jsonLines(try gym("inspect", file, "--json").stdout).first)
        XCTAssertEqual((json["payoffs"] as? [String: [Double]])?["row"]?.count, 64 * 64)
    }
}
