import XCTest
import Gym

/// A deterministic environment with a Box action space, for the action wrappers.
final class EchoEnvironment: Environment {
    let observationSpace: Space = .box(try! Box(low: -10, high: 10, shape: [2]))
    let actionSpace: Space = .box(try! Box(low: [-2, 0], high: [2, 4]))
    let metadata = EnvironmentMetadata(id: "echo-v0", isStochastic: false)
    var last: [Double] = [0, 0]
    var started = false

    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        last = [0, 0]
        started = true
        return (.vector([0, 0]), ["reset": true])
    }
    func observe() throws -> Observation { .vector(last.map(Float.init)) }
    func step(_ action: Action) throws -> Step {
        try actionSpace.validate(action)
        guard case .continuous(let v) = action else { fatalError() }
        last = v
        return Step(observation: .vector(v.map(Float.init)), reward: v[0], terminated: false, truncated: false)
    }
}

final class WrapperTests: XCTestCase {
    func testTimeLimitTruncatesExactlyAtTheLimit() throws {
        let env = try TimeLimit(try Corridor(length: 50, slip: 0), maxEpisodeSteps: 5)
        try env.reset(seed: 0)
        for _ in 1...4 { XCTAssertFalse(try env.step(.discrete(0)).truncated) }
        let fifth = try env.step(.discrete(0))
        XCTAssertTrue(fifth.truncated)
        XCTAssertFalse(fifth.terminated)
        try env.reset()
        XCTAssertFalse(try env.step(.discrete(0)).truncated, "the count restarts at reset")
    }

    func testTimeLimitRefusesAStepAfterTruncation() throws {
        let env = try TimeLimit(try Corridor(length: 50, slip: 0), maxEpisodeSteps: 1)
        try env.reset(seed: 0)
        XCTAssertTrue(try env.step(.discrete(1)).truncated)
        XCTAssertThrowsError(try env.step(.discrete(1))) {
            guard case .episodeEnded = $0 as? GymError else { return XCTFail("\($0)") }
        }
        try env.reset()
        XCTAssertNoThrow(try env.step(.discrete(1)))
    }

    func testTimeLimitLetsTerminationWinOnTheLastStep() throws {
        let env = try TimeLimit(try Corridor(length: 3, slip: 0), maxEpisodeSteps: 2)
        try env.reset(seed: 0)
        _ = try env.step(.discrete(1))
        let last = try env.step(.discrete(1))
        XCTAssertTrue(last.terminated)
        XCTAssertFalse(last.truncated)
    }

    func testEpisodeGuardThrowsOutOfOrderAndOnBadActions() throws {
        let env = try EpisodeGuard(TimeLimit(EchoEnvironment(), maxEpisodeSteps: 1))
        XCTAssertThrowsError(try env.step(.continuous([0, 0]))) { XCTAssertTrue($0 is GymError) }
        XCTAssertThrowsError(try env.observe())
        try env.reset(seed: 1)
        XCTAssertThrowsError(try env.step(.continuous([0, 5])))
        XCTAssertTrue(try env.step(.continuous([0, 1])).truncated)
        XCTAssertThrowsError(try env.step(.continuous([0, 1]))) {
            guard case .episodeEnded = $0 as? GymError else { return XCTFail("\($0)") }
        }
    }

    func testEpisodeStatisticsRecordsReturnAndLength() throws {
        let env = EpisodeStatistics(try Corridor(length: 4, slip: 0, goalReward: 10))
        try env.reset(seed: 0)
        _ = try env.step(.discrete(1))
        _ = try env.step(.discrete(1))
        let last = try env.step(.discrete(1))
        XCTAssertTrue(last.terminated)
        let episode = last.info["episode"]?.objectValue
        XCTAssertEqual(episode?["r"], .number(7))
        XCTAssertEqual(episode?["l"], .number(3))
        XCTAssertEqual(env.returns, [7])
        XCTAssertEqual(env.lengths, [3])
    }

    func testOneHotObservationEncodesTheIndex() throws {
        let env = try OneHotObservation(try Corridor(length: 4, slip: 0))
        XCTAssertEqual(env.observationSpace, .box(try Box(low: 0, high: 1, shape: [4])))
        XCTAssertEqual(try env.reset(seed: 0).observation, .vector([1, 0, 0, 0]))
        XCTAssertEqual(try env.step(.discrete(1)).observation, .vector([0, 1, 0, 0]))
        XCTAssertThrowsError(try OneHotObservation(EchoEnvironment()))
    }

    func testClipActionClipsFiniteValuesButRejectsNaN() throws {
        let inner = EchoEnvironment()
        let env = try ClipAction(inner)
        try env.reset(seed: 0)
        _ = try env.step(.continuous([5, -3]))
        XCTAssertEqual(inner.last, [2, 0])
        XCTAssertThrowsError(try env.step(.continuous([.nan, 0])))
        XCTAssertThrowsError(try env.step(.continuous([0])))
    }

    func testRescaleActionMapsTheUnitBoxOntoTheBounds() throws {
        let inner = EchoEnvironment()
        let env = try RescaleAction(inner)
        try env.reset(seed: 0)
        _ = try env.step(.continuous([-1, 1]))
        XCTAssertEqual(inner.last, [-2, 4])
        _ = try env.step(.continuous([0.5, 0]))
        XCTAssertEqual(inner.last, [1, 2])
        XCTAssertThrowsError(try env.step(.continuous([1.5, 0])))
    }

    func testNormalizeObservationMatchesRunningStatistics() throws {
        let env = try NormalizeObservation(EchoEnvironment())
        _ = try env.reset(seed: 0)
        let step = try env.step(.continuous([2, 4]))
        // After observations (0,0) and (2,4) with the 1e-4 prior count: mean ≈ x/2, var ≈ x²/4.
        guard case .vector(let v) = step.observation else { return XCTFail() }
        XCTAssertEqual(Double(v[0]), 1, accuracy: 1e-3)
        XCTAssertEqual(Double(v[1]), 1, accuracy: 1e-3)
        XCTAssertEqual(env.mean[1], 2, accuracy: 1e-3)
        XCTAssertEqual(try env.observe(), step.observation, "observe() must not update the statistics")
        XCTAssertEqual(env.mean[1], 2, accuracy: 1e-3)
    }

    func testRunningMomentsMergeBatchesAsOneStream() {
        let data: [[Float]] = [[1, -2], [3, 0], [5, 2], [-1, 8], [2, 2]]
        var oneByOne = RunningMoments(size: 2), batched = RunningMoments(size: 2)
        for x in data { oneByOne.update(rows: x) }
        batched.update(rows: data[0..<2].flatMap { $0 })
        batched.update(rows: data[2...].flatMap { $0 })
        // Plain moments of the five vectors, with the prior (mean 0, variance 1, count 1e-4) all but gone.
        for (i, expected) in [(0, (2.0, 4.0)), (1, (2.0, 11.2))] {
            XCTAssertEqual(oneByOne.mean[i], expected.0, accuracy: 1e-4)
            XCTAssertEqual(oneByOne.variance[i], expected.1, accuracy: 1e-3)
            XCTAssertEqual(batched.mean[i], oneByOne.mean[i], accuracy: 1e-12)
            XCTAssertEqual(batched.variance[i], oneByOne.variance[i], accuracy: 1e-12)
        }
        XCTAssertEqual(batched.count, 5.0001, accuracy: 1e-12)
        // Two vectors at once, each normalised and clipped.
        let z = oneByOne.normalized([4, 2, 102, -50], clip: 5)
        XCTAssertEqual(Double(z[0]), 1, accuracy: 1e-4)
        XCTAssertEqual(Double(z[1]), 0, accuracy: 1e-4)
        XCTAssertEqual(z[2], 5)
        XCTAssertEqual(z[3], -5)
        XCTAssertEqual(oneByOne, RunningMoments(mean: oneByOne.mean, variance: oneByOne.variance, count: oneByOne.count))
    }

    func testTransformWrappers() throws {
        let rewards = TransformReward(try Corridor(length: 3, slip: 0)) { $0 * 2 }
        try rewards.reset(seed: 0)
        XCTAssertEqual(try rewards.step(.discrete(0)).reward, -2)
        let observations = TransformObservation(try Corridor(length: 3, slip: 0)) { .discrete(($0.index ?? 0) + 0) }
        XCTAssertEqual(try observations.reset(seed: 0).observation, .discrete(0))
        let actions = TransformAction(try Corridor(length: 3, slip: 0), space: .discrete(try Discrete(1))) { _ in .discrete(1) }
        try actions.reset(seed: 0)
        XCTAssertEqual(try actions.step(.discrete(0)).observation, .discrete(1))
        XCTAssertThrowsError(try actions.step(.discrete(1)))
    }

    func testUnwrappedReachesTheInnermostEnvironment() throws {
        let corridor = try Corridor()
        let env = try EpisodeGuard(TimeLimit(EpisodeStatistics(corridor), maxEpisodeSteps: 3))
        XCTAssertTrue(env.unwrapped === corridor)
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 3)
    }
}
