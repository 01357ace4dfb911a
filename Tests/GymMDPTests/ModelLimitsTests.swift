import Foundation
import Gym
import GymJSON
import GymMDP
import GymTabular
import XCTest

/// Models larger than the limits are refused at their JSON path before anything of their size is
/// allocated (Specs/limits.md); long time limits cost what convergence costs.
final class ModelLimitsTests: XCTestCase {
    func problem(_ text: String) -> String? {
        do {
            _ = try MDPFile(json: try JSONReader.parse(text, source: "big.json"), path: "big.json").compile().makeEnvironment()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func names(_ prefix: String, _ count: Int) -> String {
        "[" + (0..<count).map { "\"\(prefix)\($0)\"" }.joined(separator: ",") + "]"
    }

    func testStateActionPairsAreLimitedBeforeTheyAreMade() throws {
        let text = """
            {"format": "swiftgym.mdp/1", "id": "big-v1", "kind": "tabular", "missing": "stay", "start": "s0", "transitions": {},
             "states": \(names("s", 5000)), "actions": \(names("a", 2001))}
            """
        let message = try XCTUnwrap(problem(text))
        XCTAssertTrue(message.contains("big.json: $.actions: 10005000 state-action pairs (5000 states times 2001 actions) is more than the loader accepts; the limit is 10000000"), message)
    }

    func testMissingPairsAreCountedNotListed() throws {
        let text = """
            {"format": "swiftgym.mdp/1", "id": "big-v1", "kind": "tabular", "start": "s0", "transitions": {},
             "states": \(names("s", 1000)), "actions": \(names("a", 1000))}
            """
        let message = try XCTUnwrap(problem(text))
        XCTAssertTrue(message.contains("no outcomes for s0.a0, s0.a1, s0.a2, s0.a3, s0.a4, ... (1000000 in all)"), message)
        XCTAssertLessThan(message.count, 400)
    }

    func testGridCellsAndPayoffsAreLimited() throws {
        let row = "\"" + String(repeating: ".", count: 1600) + "\""
        let grid = """
            {"format": "swiftgym.mdp/1", "id": "big-v1", "kind": "grid", "legend": {".": {"type": "floor"}},
             "layout": [\(Array(repeating: row, count: 1600).joined(separator: ","))]}
            """
        XCTAssertTrue(problem(grid)?.contains("$.layout: 2560000 cells (1600 rows of 1600) is more than the loader accepts; the limit is 2500000") ?? false,
                      problem(grid) ?? "loaded")
        let game = """
            {"format": "swiftgym.mdp/1", "id": "big-v1", "kind": "matrix-game", "rounds": 1, "opponent": {"type": "uniform"},
             "actions": \(names("a", 4000)), "opponent_actions": \(names("b", 4000)), "payoff": []}
            """
        XCTAssertTrue(problem(game)?.contains("$.payoff: 16000000 payoff entries is more than the loader accepts") ?? false, problem(game) ?? "loaded")
    }

    static let gridworld = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Environments/gridworld-v1.json").path

    func testEpisodeLengthsAreLimited() throws {
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: ModelLimitsTests.gridworld))) as? [String: Any])
        object["max_episode_steps"] = 1_000_000_001
        let long = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        XCTAssertTrue(problem(long)?.contains("$.max_episode_steps: 1000000001 is not a positive integer of at most 1000000000") ?? false,
                      problem(long) ?? "loaded")
        object["max_episode_steps"] = 1_000_000_000
        XCTAssertNil(problem(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)))
    }

    func testFiniteHorizonValuesStopOnceTheyConverge() throws {
        let file = try MDPFile(json: try JSONReader.parseFile(ModelLimitsTests.gridworld), path: ModelLimitsTests.gridworld)
        let env = try XCTUnwrap(try file.compile().makeEnvironment() as? ModelledEnvironment)
        let model = try XCTUnwrap(env.knownModel)
        let start = Date()
        let billion = FiniteHorizon.values(model, gamma: 1, steps: 1_000_000_000)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        let thousand = FiniteHorizon.values(model, gamma: 1, steps: 1000)
        for (a, b) in zip(billion, thousand) { XCTAssertEqual(a, b, accuracy: 1e-10) }
        // Short horizons are still cut exactly: one step from the start earns the living reward alone.
        let one = FiniteHorizon.values(model, gamma: 1, steps: 1)
        XCTAssertEqual(model.startValue(one), -0.04, accuracy: 1e-12)
    }
}
