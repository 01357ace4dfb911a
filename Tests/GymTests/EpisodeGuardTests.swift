import XCTest
import Gym

/// `make`'s standard checks, on both of its paths: `EpisodeGuard` around an environment that does not
/// enforce the episode contract, and a `SelfEnforcingEnvironment` given its time limit.
final class EpisodeGuardTests: XCTestCase {
    func testTheGuardEnforcesTheOrderTheActionsAndTheLimit() throws {
        let env = try EpisodeGuard(EchoEnvironment(), maxEpisodeSteps: 2)
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 2)
        XCTAssertThrowsError(try env.observe()) { XCTAssertTrue(isResetNeeded($0), "\($0)") }
        XCTAssertThrowsError(try env.step(.continuous([0, 0]))) { XCTAssertTrue(isResetNeeded($0), "\($0)") }
        try env.reset(seed: 0)
        XCTAssertThrowsError(try env.step(.continuous([5, 0]))) { XCTAssertTrue("\($0)".contains("invalid action"), "\($0)") }
        XCTAssertEqual(env.elapsedSteps, 0, "a rejected action is not a step")
        XCTAssertFalse(try env.step(.continuous([1, 1])).truncated)
        let second = try env.step(.continuous([1, 1]))
        XCTAssertTrue(second.truncated)
        XCTAssertFalse(second.terminated)
        XCTAssertThrowsError(try env.step(.continuous([1, 1]))) { XCTAssertTrue(isEpisodeEnded($0), "\($0)") }
        try env.reset()
        XCTAssertFalse(try env.step(.continuous([1, 1])).truncated, "the count restarts at reset")
    }

    func testTheGuardRefusesANonPositiveLimit() {
        XCTAssertThrowsError(try EpisodeGuard(EchoEnvironment(), maxEpisodeSteps: 0))
        XCTAssertThrowsError(try EpisodeGuard.standard(try Corridor(), maxEpisodeSteps: -1))
    }

    func testASelfEnforcingEnvironmentTruncatesAtItsLimitAndThenRefusesSteps() throws {
        let env = try EpisodeGuard.standard(try Corridor(length: 50, slip: 0), maxEpisodeSteps: 3)
        XCTAssertTrue(env is Corridor, "no layer around a self-enforcing environment")
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 3)
        try env.reset(seed: 0)
        XCTAssertThrowsError(try env.step(.discrete(2)))
        XCTAssertFalse(try env.step(.discrete(1)).truncated, "a rejected action is not a step")
        XCTAssertFalse(try env.step(.discrete(1)).truncated)
        XCTAssertTrue(try env.step(.discrete(1)).truncated)
        XCTAssertThrowsError(try env.step(.discrete(1))) { XCTAssertTrue(isEpisodeEnded($0), "\($0)") }
        try env.reset()
        XCTAssertFalse(try env.step(.discrete(1)).truncated, "the count restarts at reset")
    }

    func testTerminationOnTheLimitStepWinsOverTruncation() throws {
        for env in [try EpisodeGuard.standard(try Corridor(length: 3, slip: 0), maxEpisodeSteps: 2),
                    try EpisodeGuard(try Corridor(length: 3, slip: 0), maxEpisodeSteps: 2)] {
            try env.reset(seed: 0)
            _ = try env.step(.discrete(1))
            let last = try env.step(.discrete(1))
            XCTAssertTrue(last.terminated)
            XCTAssertFalse(last.truncated)
        }
    }

    private func isResetNeeded(_ error: Error) -> Bool { if case GymError.resetNeeded = error { return true } else { return false } }
    private func isEpisodeEnded(_ error: Error) -> Bool { if case GymError.episodeEnded = error { return true } else { return false } }
}
