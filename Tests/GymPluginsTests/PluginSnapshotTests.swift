import Foundation
import Gym
import GymPlugins
import XCTest

/// Snapshots of plugin environments: a fresh instance restored from one plays on exactly as the saved
/// one does, in process, isolated and as a vector's lanes, because the snapshot replays the episode
/// from its seed and actions; a replay that ends elsewhere is an error naming the plugin.
final class PluginSnapshotTests: XCTestCase {
    func isolated() throws -> IsolatedPluginLibrary { try IsolatedPluginLibrary(path: try PluginBuilds.inventory(), isolation: try .locate(timeout: 5)) }

    /// The two ways a plugin environment runs, inside `Registry.make`'s standard guard with the plugin's limit.
    func makers() throws -> [(String, () throws -> Environment)] {
        let local = try PluginLibrary(path: try PluginBuilds.inventory()), isolated = try isolated()
        return [("in process", { try EpisodeGuard(try PluginEnvironment(library: local, environmentID: "inventory-v1", configuration: [:]), maxEpisodeSteps: 30) }),
                ("isolated", { try EpisodeGuard(try IsolatedPluginEnvironment(library: isolated, environmentID: "inventory-v1", configuration: [:]), maxEpisodeSteps: 30) })]
    }

    /// `steps` random steps from `env`'s current state, resetting (without a seed) after each episode.
    func trajectory(_ env: Environment, steps: Int, actions seed: UInt64) throws -> [Step] {
        var rng = RandomSource(seed: seed), steps = (0..<steps).map { _ in Step(observation: .discrete(0), reward: 0, terminated: false, truncated: false) }
        for t in steps.indices {
            steps[t] = try env.step(env.actionSpace.sampleAction(using: &rng))
            if steps[t].isLast { _ = try env.reset(seed: nil, options: .none) }
        }
        return steps
    }

    func testARestoredPluginPlaysOnExactlyAsTheSavedOne() throws {
        for (name, make) in try makers() {
            let env = try make()
            XCTAssertTrue(env.canSaveState, name)
            _ = try env.reset(seed: 4, options: .none)
            _ = try trajectory(env, steps: 75, actions: 1)   // two episodes ended (30 steps each), 15 steps into the third
            let saved = try XCTUnwrap(env.savedState())
            XCTAssertEqual(saved.entries["elapsed"], "15", name)
            let observation = try env.observe()
            let expected = try trajectory(env, steps: 100, actions: 2)
            let restored = try make()
            try restored.restoreState(saved)
            XCTAssertEqual(try restored.observe(), observation, name)
            XCTAssertEqual(try trajectory(restored, steps: 100, actions: 2), expected, "\(name): the restored environment plays on differently")
        }
    }

    func testSnapshotsMoveBetweenProcessesAndBeforeAnyReset() throws {
        let (local, isolated) = (try makers()[0].1, try makers()[1].1)
        let env = try local()
        XCTAssertEqual(try env.savedState()?.entries["phase"], "needs-reset")
        _ = try env.reset(seed: 9, options: ResetOptions(initialState: 6))
        _ = try trajectory(env, steps: 12, actions: 3)
        let saved = try XCTUnwrap(env.savedState())
        let moved = try isolated()
        try moved.restoreState(saved)
        XCTAssertEqual(try trajectory(moved, steps: 60, actions: 4), try trajectory(env, steps: 60, actions: 4))
        // A snapshot from before any reset leaves an environment that must be reset, whatever it was doing.
        let fresh = try local().savedState()!
        try moved.restoreState(fresh)
        XCTAssertThrowsError(try moved.step(.discrete(1))) { XCTAssertTrue("\($0)".contains("reset"), "\($0)") }
    }

    func testVectorsOfPluginCopiesResumeExactlyBatchedOrNot() throws {
        let library = try isolated(), spec = try library.environmentSpecs()[0], local = try PluginLibrary(path: try PluginBuilds.inventory())
        let registry = Registry()
        func make(batched: Bool) throws -> VectorEnvironment {
            batched ? try VectorEnvironment(count: 4, threads: 1) { try registry.make(spec) }
                : try VectorEnvironment(count: 4, threads: 1) {
                    try EpisodeGuard(try PluginEnvironment(library: local, environmentID: "inventory-v1", configuration: [:]), maxEpisodeSteps: spec.maxEpisodeSteps)
                }
        }
        func run(_ vector: VectorEnvironment, steps: Int, seed: UInt64) throws -> [[Float]] {
            var rng = RandomSource(seed: seed), rows: [[Float]] = []
            for _ in 0..<steps {
                try vector.step((0..<4).map { _ in vector.actionSpace.sampleAction(using: &rng) })
                rows.append(Array(vector.observationBuffer) + vector.rewardBuffer.map(Float.init))
            }
            return rows
        }
        // Saved from the isolated batch and from copies in process; restored onto either.
        for (saving, restoring) in [(true, true), (false, false), (true, false), (false, true)] {
            let vector = try make(batched: saving)
            XCTAssertEqual(vector.isBatched, saving)
            try vector.reset(seed: 5)
            _ = try run(vector, steps: 130, seed: 1)   // past the 100-step limit: every lane is in its second episode
            let saved = try XCTUnwrap(vector.snapshot(), "batched: \(saving)")
            let expected = try run(vector, steps: 150, seed: 2)
            let restored = try make(batched: restoring)
            try restored.restore(saved)
            XCTAssertEqual(try run(restored, steps: 150, seed: 2), expected, "saved batched: \(saving), restored batched: \(restoring)")
        }
    }

    func testAReplayThatEndsElsewhereIsAnErrorNamingThePlugin() throws {
        for (name, make) in try makers() {
            let env = try make()
            _ = try env.reset(seed: 4, options: .none)
            _ = try trajectory(env, steps: 10, actions: 1)
            var other = try XCTUnwrap(env.savedState())
            other.set("plugin.seed", [12345])
            XCTAssertThrowsError(try make().restoreState(other)) {
                XCTAssertTrue("\($0)".contains("plugin inventory ("), "\(name): \($0)")
                XCTAssertTrue("\($0)".contains("inventory-v1: the saved episode (10 steps into episode 1), played again from its seed and actions, did not end where it had: it ends on another observation"), "\(name): \($0)")
            }
            var short = try XCTUnwrap(env.savedState())
            short.set("plugin.actions", doubles: [1, 2])
            XCTAssertThrowsError(try make().restoreState(short)) { XCTAssertTrue("\($0)".contains("'plugin.actions' is not 10 hexadecimal words"), "\(name): \($0)") }
        }
    }
}
