import Foundation
import Gym
import GymJSON
import GymMDP
import GymTabular
import XCTest

/// The grid kind's effects: wind (Sutton and Barto's windy gridworld), ice cells, one-way cells.
final class GridEffectsTests: XCTestCase {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Environments")

    func definition(_ text: String) throws -> MDPDefinition {
        try MDPFile(json: try JSONReader.parse(text, source: "inline"), path: "inline").compile()
    }

    /// The outcomes of (state, action) as (next state name, probability), merged and sorted.
    func outcomes(_ model: TabularModel, from state: String, _ action: String) -> [String: Double] {
        let s = model.stateNames.firstIndex(of: state)!, a = model.actionNames.firstIndex(of: action)!
        var result: [String: Double] = [:]
        for k in model.outcomes(s, a) { result[model.stateNames[model.nextStates[k]], default: 0] += model.probabilities[k] }
        return result
    }

    func grid(_ legend: String, layout: [String], extra: String = "") throws -> TabularModel {
        let rows = layout.map { "\"\($0)\"" }.joined(separator: ", ")
        return try definition("""
            {"format": "swiftgym.mdp/1", "id": "effects-v1", "kind": "grid", "layout": [\(rows)], "legend": {\(legend)},
             "living_reward": -1\(extra)}
            """).model!
    }

    func testTheWindyGridworldsOptimumIsFifteenSteps() throws {
        let file = try MDPFile(path: Self.shipped.appendingPathComponent("windy-gridworld-v1.json").path)
        let model = try file.compile().model!
        let solution = try ValueIteration.solve(model, gamma: 1)
        XCTAssertEqual(model.startValue(solution.values), -15, accuracy: 1e-9)
        // The wind of the column moved from: from 3,6 (strength 2) a move right lands two rows up, in column 7.
        XCTAssertEqual(outcomes(model, from: "3,6", "right"), ["1,7": 1])
        // The edge stops the wind: from row 0 the wind cannot blow the agent off the grid.
        XCTAssertEqual(outcomes(model, from: "0,4", "right"), ["0,5": 1])
    }

    func testStochasticWindVariesByOneCellAThirdOfTheTimeEach() throws {
        let model = try MDPFile(path: Self.shipped.appendingPathComponent("windy-gridworld-v1.json").path)
            .compile(overrides: ["wind_variation": 1]).model!
        let third = 1.0 / 3
        let fromWindy = outcomes(model, from: "4,4", "right")   // column 4 blows 1: 0, 1 or 2 cells
        XCTAssertEqual(fromWindy.keys.sorted(), ["2,5", "3,5", "4,5"])
        for p in fromWindy.values { XCTAssertEqual(p, third, accuracy: 1e-12) }
        XCTAssertEqual(outcomes(model, from: "4,1", "right"), ["4,2": 1], "a calm column stays calm")
        XCTAssertLessThan(model.startValue(try ValueIteration.solve(model, gamma: 1).values), -15)
    }

    func testAWallStopsTheWindAndTheWindStillBlowsWhenTheMoveIsBlocked() throws {
        let model = try grid(##"".": {"type": "floor"}, "#": {"type": "wall"}, "S": {"type": "start"}, "G": {"type": "terminal"}"##,
                             layout: ["G.#.", "...S"], extra: #", "wind": {"direction": "up", "strength": [0, 0, 0, 1]}"#)
        // From 1,3 a move right is blocked by the edge; the wind still blows it up to 0,3.
        XCTAssertEqual(outcomes(model, from: "1,3", "right"), ["0,3": 1])
        // From 1,3 moving left to 1,2 (strength of column 3 is 1): the wall above 1,2 stops the wind.
        XCTAssertEqual(outcomes(model, from: "1,3", "left"), ["1,2": 1])
    }

    func testIceCellsHaveTheirOwnDrift() throws {
        let legend = #"".": {"type": "floor"}, "I": {"type": "floor", "drift": {"intended": 0.5, "left": 0.25, "right": 0.25}}, "S": {"type": "start"}, "G": {"type": "terminal"}"#
        let model = try grid(legend, layout: ["...", "SIG", "..."])
        XCTAssertEqual(outcomes(model, from: "1,1", "right"), ["1,2": 0.5, "0,1": 0.25, "2,1": 0.25])
        XCTAssertEqual(outcomes(model, from: "1,0", "right"), ["1,1": 1], "other cells keep the grid's drift")
    }

    func testOneWayCellsAreLeftOnlyThroughTheirExits() throws {
        let legend = #"".": {"type": "floor"}, ">": {"type": "floor", "exits": ["right"]}, "S": {"type": "start"}, "G": {"type": "terminal"}"#
        let model = try grid(legend, layout: ["S>G"])
        XCTAssertEqual(outcomes(model, from: "0,1", "right"), ["0,2": 1])
        XCTAssertEqual(outcomes(model, from: "0,1", "left"), ["0,1": 1], "the way back is closed")
        XCTAssertEqual(outcomes(model, from: "0,0", "right"), ["0,1": 1], "a one-way cell can be entered from anywhere")
    }

    func testMalformedEffectsAreErrorsAtTheirPaths() {
        func message(_ extra: String, legend: String = #"".": {"type": "floor"}, "S": {"type": "start"}, "G": {"type": "terminal"}"#) -> String {
            do { _ = try grid(legend, layout: ["S.G"], extra: extra); return "" } catch { return "\(error)" }
        }
        XCTAssertTrue(message(#", "wind": {"direction": "up", "strength": [0, 1]}"#)
            .contains("$.wind.strength: expected one strength per column (3), got 2"))
        XCTAssertTrue(message(#", "wind": {"direction": "north", "strength": [0, 1, 0]}"#).contains("$.wind.direction: unknown direction 'north'"))
        XCTAssertTrue(message(#", "wind": {"direction": "left", "strength": [-1]}"#).contains("$.wind.strength[0]: -1 is not a whole number of cells"))
        XCTAssertTrue(message("", legend: #"".": {"type": "floor", "exits": ["sideways"]}, "S": {"type": "start"}, "G": {"type": "terminal"}"#)
            .contains("$.legend[\".\"].exits[0]: unknown move 'sideways'"))
        XCTAssertTrue(message("", legend: #"".": {"type": "floor"}, "S": {"type": "start"}, "G": {"type": "terminal", "exits": ["up"]}"#)
            .contains("a terminal cell is never left"))
    }
}
