import XCTest
import Gym

final class VectorEnvironmentTests: XCTestCase {
    func testNextStepAutoresetIgnoresTheActionAndReturnsTheResetObservation() throws {
        let vector = try VectorEnvironment(count: 2) { try Corridor(length: 3, slip: 0) }
        try vector.reset(seed: 0)
        XCTAssertEqual(vector.observations, [1, 0, 0, 1, 0, 0])
        try vector.step([.discrete(1), .discrete(0)])
        try vector.step([.discrete(1), .discrete(0)])
        XCTAssertEqual(vector.terminated, [true, false])
        XCTAssertEqual(vector.observation(at: 0), .discrete(2), "the final observation is returned first")
        XCTAssertEqual(vector.rewards[0], 9)
        try vector.step([.discrete(1), .discrete(1)])
        XCTAssertEqual(vector.observation(at: 0), .discrete(0), "copy 0 was reset")
        XCTAssertEqual(vector.rewards[0], 0)
        XCTAssertEqual(vector.terminated, [false, false])
        XCTAssertEqual(vector.observation(at: 1), .discrete(1), "copy 1 stepped")
        XCTAssertEqual(vector.observations, [1, 0, 0, 0, 1, 0])
    }

    func testSameStepAutoresetKeepsTheFinalObservation() throws {
        let vector = try VectorEnvironment(count: 1, autoresetMode: .sameStep) { try Corridor(length: 2, slip: 0) }
        try vector.reset(seed: 0)
        try vector.step([.discrete(1)])
        XCTAssertEqual(vector.terminated, [true])
        XCTAssertEqual(vector.finalObservations[0], .discrete(1))
        XCTAssertEqual(vector.observation(at: 0), .discrete(0))
    }

    func testCopyISeededWithSeedPlusI() throws {
        let vector = try VectorEnvironment(count: 3) { try Corridor(length: 30, slip: 0.5) }
        try vector.reset(seed: 100)
        for _ in 0..<20 { try vector.step(Array(repeating: .discrete(1), count: 3)) }
        let single = try Corridor(length: 30, slip: 0.5)
        try single.reset(seed: 102)
        var last = Observation.discrete(0)
        for _ in 0..<20 { last = try single.step(.discrete(1)).observation }
        XCTAssertEqual(vector.observation(at: 2), last)
    }

    func testWrongNumberOfActionsIsAnError() throws {
        let vector = try VectorEnvironment(count: 2) { try Corridor() }
        try vector.reset(seed: 0)
        XCTAssertThrowsError(try vector.step([.discrete(0)]))
        XCTAssertThrowsError(try VectorEnvironment(count: 0) { try Corridor() })
    }

    func testAStepBeforeEveryCopyIsResetIsRefusedInEveryMode() throws {
        for mode in AutoresetMode.allCases {
            let vector = try VectorEnvironment(count: 3, autoresetMode: mode) { try Corridor() }
            XCTAssertThrowsError(try vector.step(Array(repeating: .discrete(9), count: 3)), "\(mode)") {
                guard case .resetNeeded(let message) = $0 as? GymError else { return XCTFail("\(mode): \($0)") }
                XCTAssertTrue(message.contains("copy 0 was never reset"), message)
            }
            try vector.reset(copy: 0, seed: 1)
            XCTAssertThrowsError(try vector.step(Array(repeating: .discrete(0), count: 3))) { XCTAssertTrue("\($0)".contains("copy 1"), "\($0)") }
            try vector.reset(seed: 0)
            XCTAssertThrowsError(try vector.step(Array(repeating: .discrete(9), count: 3))) { XCTAssertTrue($0 is BatchActionError, "\($0)") }
            try vector.step(Array(repeating: .discrete(0), count: 3))
        }
    }
}
