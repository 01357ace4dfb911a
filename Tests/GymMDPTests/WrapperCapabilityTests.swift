import Gym
import GymMDP
import XCTest

/// Capabilities survive wrappers: a stack of wrappers saves and restores its state when every layer
/// says what it keeps, and a vector of wrapped copies steps as one batch when every layer has a batched
/// form; where a layer cannot, the refusal names it.
final class WrapperCapabilityTests: XCTestCase {
    private func cartpole() throws -> Environment { try BatchSteppingTests.make("cartpole-v1") }

    /// Steps `env` with `actions`, returning every observation, reward and flag, and the error that ended it, if any.
    private func trace(_ env: Environment, _ actions: [Action]) -> [String] {
        var seen: [String] = []
        for action in actions {
            do {
                let step = try env.step(action)
                seen.append("\(step.observation) \(step.reward) \(step.terminated) \(step.truncated)")
            } catch {
                seen.append("error: \(error)")
                break
            }
        }
        return seen
    }

    private func actions(_ count: Int, seed: UInt64) throws -> [Action] {
        var rng = RandomSource(seed: seed)
        let space = try cartpole().actionSpace
        return (0..<count).map { _ in space.sampleAction(using: &rng) }
    }

    func testAStackOfTimeLimitAndNormalizeObservationSavesAndRestoresExactly() throws {
        func make() throws -> Environment { try NormalizeObservation(TimeLimit(cartpole(), maxEpisodeSteps: 12)) }
        let env = try make()
        _ = try env.reset(seed: 5, options: .none)
        _ = trace(env, try actions(6, seed: 1))
        let saved = try XCTUnwrap(env.savedState(), "\(env.saveStateRefusal ?? "")")
        XCTAssertNotNil(saved.entries["normalize.mean"])
        XCTAssertEqual(saved.entries["time-limit.elapsed"], "6")
        let later = try actions(10, seed: 2)
        let expected = trace(env, later)
        XCTAssertTrue(expected.last?.hasPrefix("error:") ?? false, "the time limit of 12 ends the episode: \(expected)")

        let restored = try make()
        try restored.restoreState(saved)
        XCTAssertEqual(try restored.observe(), try { try env.restoreState(saved); return try env.observe() }())
        XCTAssertEqual(trace(restored, later), expected)
    }

    func testAWrapperThatDoesNotSayWhatItKeepsIsRefusedByName() throws {
        final class Counter: Wrapper {}
        final class Scale: StatelessWrapper {}
        let refused = Counter(inner: try cartpole())
        XCTAssertNil(refused.savedState())
        XCTAssertFalse(refused.canSaveState)
        XCTAssertTrue(refused.saveStateRefusal?.contains("Counter") ?? false, "\(refused.saveStateRefusal ?? "nil")")
        XCTAssertThrowsError(try refused.restoreState(EnvironmentSnapshot())) { XCTAssertTrue("\($0)".contains("Counter"), "\($0)") }
        let kept = Scale(inner: try cartpole())
        XCTAssertNil(kept.saveStateRefusal)
        XCTAssertNotNil(kept.savedState())
    }

    func testLayersOfOneKindAreNumberedAndADamagedLayerIsNamed() throws {
        let env = try TimeLimit(TimeLimit(cartpole(), maxEpisodeSteps: 50), maxEpisodeSteps: 40)
        _ = try env.reset(seed: 1, options: .none)
        _ = trace(env, try actions(3, seed: 3))
        var saved = try XCTUnwrap(env.savedState())
        XCTAssertEqual(saved.entries["time-limit.elapsed"], "3")
        XCTAssertEqual(saved.entries["time-limit#2.elapsed"], "3")
        saved.entries["time-limit#2.elapsed"] = nil
        XCTAssertThrowsError(try env.restoreState(saved)) {
            XCTAssertTrue("\($0)".contains("TimeLimit layer's state ('time-limit#2.' entries)") && "\($0)".contains("'elapsed'"), "\($0)")
        }
    }

    func testAVectorStepsTimeLimitedCopiesAsABatchAndNamesTheLayerThatHasNoBatchedForm() throws {
        let limited = try VectorEnvironment(count: 4, autoresetMode: .disabled) { try TimeLimit(cartpole(), maxEpisodeSteps: 3) }
        XCTAssertTrue(limited.isBatched, limited.batchRefusal ?? "")
        try limited.reset(seed: 2)
        for _ in 0..<3 { try limited.step(Array(repeating: .discrete(0), count: 4)) }
        XCTAssertEqual(limited.truncated, [true, true, true, true], "the layer's limit of 3 is the batch's")

        let normalized = try VectorEnvironment(count: 2) { try NormalizeObservation(cartpole()) }
        XCTAssertFalse(normalized.isBatched)
        XCTAssertTrue(normalized.batchRefusal?.contains("NormalizeObservation") ?? false, normalized.batchRefusal ?? "nil")
    }
}
