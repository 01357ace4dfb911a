import XCTest
import Gym

final class CorridorTests: XCTestCase {
    func trajectory(seed: UInt64, steps: Int = 50) throws -> [Step] {
        let env = try Corridor(length: 8, slip: 0.3)
        try env.reset(seed: seed)
        var out: [Step] = []
        for t in 0..<steps {
            let step = try env.step(.discrete(t % 3 == 0 ? 0 : 1))
            out.append(step)
            if step.isLast { try env.reset() }
        }
        return out
    }

    func testSameSeedGivesIdenticalTrajectory() throws {
        XCTAssertEqual(try trajectory(seed: 11), try trajectory(seed: 11))
        XCTAssertNotEqual(try trajectory(seed: 11), try trajectory(seed: 12))
    }

    func testStepBeforeResetThrows() throws {
        let env = try Corridor()
        XCTAssertThrowsError(try env.step(.discrete(1))) { XCTAssertEqual($0 as? GymError, .resetNeeded("corridor-v0: step() called before reset()")) }
        XCTAssertThrowsError(try env.observe())
    }

    func testStepAfterTerminationThrows() throws {
        let env = try Corridor(length: 2, slip: 0)
        try env.reset(seed: 0)
        XCTAssertTrue(try env.step(.discrete(1)).terminated)
        XCTAssertThrowsError(try env.step(.discrete(1))) {
            guard case .episodeEnded = $0 as? GymError else { return XCTFail("\($0)") }
        }
    }

    func testInvalidActionLeavesStateUnchanged() throws {
        let env = try Corridor(slip: 0)
        try env.reset(seed: 0, options: ResetOptions(initialState: 3))
        XCTAssertThrowsError(try env.step(.discrete(2)))
        XCTAssertThrowsError(try env.step(.continuous([1])))
        XCTAssertEqual(try env.observe(), .discrete(3))
    }

    func testInitialStateOptionIsHonouredAndChecked() throws {
        let env = try Corridor()
        XCTAssertEqual(try env.reset(seed: 0, options: ResetOptions(initialState: 4)).observation, .discrete(4))
        XCTAssertThrowsError(try env.reset(seed: 0, options: ResetOptions(initialState: 5)))
        XCTAssertThrowsError(try env.reset(seed: 0, options: ResetOptions(initialState: "left")))
    }
}
