import Foundation
import Gym
import GymPlugins
import XCTest

/// Plugins in a supervised child process: the same environment as in process, call for call; every
/// fault of a broken plugin is a `PluginError` naming the call, and this process goes on.
final class IsolationTests: XCTestCase {
    func isolation(timeout: Double = 5) throws -> PluginIsolation { try PluginIsolation.locate(timeout: timeout) }

    func hostile(_ name: String) throws -> String {
        try PluginBuilds.build("Tests/Hostile/plugins/\(name).c", "hostile-\(name)")
    }

    func error(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testIsolatedInventoryStepsExactlyAsInProcess() throws {
        let path = try PluginBuilds.inventory()
        let local = try PluginEnvironment(library: try PluginLibrary(path: path), environmentID: "inventory-v1", configuration: ["demand_rate": 3])
        let library = try IsolatedPluginLibrary(path: path, isolation: try isolation())
        XCTAssertEqual(library.name, "inventory")
        XCTAssertEqual(library.environmentIDs, ["inventory-v1"])
        let isolated = try IsolatedPluginEnvironment(library: library, environmentID: "inventory-v1", configuration: ["demand_rate": 3])
        XCTAssertEqual(isolated.observationSpace, local.observationSpace)
        XCTAssertEqual(isolated.actionSpace, local.actionSpace)
        XCTAssertEqual(isolated.metadata.id, local.metadata.id)
        XCTAssertEqual(try isolated.reset(seed: 11).observation, try local.reset(seed: 11).observation)
        var rng = RandomSource(seed: 3)
        for _ in 0..<500 {
            let action = local.actionSpace.sampleAction(using: &rng)
            let a = try local.step(action), b = try isolated.step(action)
            XCTAssertEqual(a, b)
            if a.terminated || a.truncated {
                XCTAssertEqual(try isolated.reset(seed: nil).observation, try local.reset(seed: nil).observation)
            }
        }
        // The plugin's own refusals come back as they do in process.
        XCTAssertTrue(error { try isolated.step(.discrete(-1)) }.hasSuffix("order -1 is not an integer in 0..5"))
    }

    func testIsolatedVectorIsOneBatchAndMatchesCopiesInProcess() throws {
        let path = try PluginBuilds.inventory()
        let library = try PluginLibrary(path: path)
        let isolatedSpec = try IsolatedPluginLibrary(path: path, isolation: try isolation()).environmentSpecs()[0]
        let registry = Registry()
        let isolated = try VectorEnvironment(count: 6, threads: 1) { try registry.make(isolatedSpec) }
        XCTAssertTrue(isolated.isBatched)
        let local = try VectorEnvironment(count: 6, threads: 1) {
            try EpisodeGuard(try PluginEnvironment(library: library, environmentID: "inventory-v1", configuration: [:]), maxEpisodeSteps: isolatedSpec.maxEpisodeSteps)
        }
        XCTAssertFalse(local.isBatched)
        try isolated.reset(seed: 5)
        try local.reset(seed: 5)
        XCTAssertEqual(Array(isolated.observationBuffer), Array(local.observationBuffer))
        var rng = RandomSource(seed: 9)
        for _ in 0..<300 {
            let actions = (0..<6).map { _ in local.actionSpace.sampleAction(using: &rng) }
            try isolated.step(actions)
            try local.step(actions)
            XCTAssertEqual(Array(isolated.observationBuffer), Array(local.observationBuffer))
            XCTAssertEqual(Array(isolated.rewardBuffer), Array(local.rewardBuffer))
            XCTAssertEqual(Array(isolated.terminatedBuffer), Array(local.terminatedBuffer))
            XCTAssertEqual(Array(isolated.truncatedBuffer), Array(local.truncatedBuffer))
        }
    }

    func testEveryFaultIsAnErrorNamingTheCall() throws {
        func make(_ name: String, timeout: Double = 5) throws -> IsolatedPluginEnvironment {
            let library = try IsolatedPluginLibrary(path: try hostile(name), isolation: try isolation(timeout: timeout))
            return try IsolatedPluginEnvironment(library: library, environmentID: "corridor-v1", configuration: [:])
        }
        XCTAssertTrue(error { try make("segv-create") }.contains("corridor-v1: create crashed with SIGSEGV (segmentation fault)"))
        XCTAssertTrue(error { try make("bad-describe") }.contains("describe() returned malformed JSON"))
        XCTAssertTrue(error { try make("segv-reset").reset(seed: 1) }.contains("reset of episode 1 crashed with SIGSEGV"))
        XCTAssertTrue(error { try make("exit-reset").reset(seed: 1) }.contains("reset of episode 1 ended the process with exit status 3"))

        let crashing = try make("segv-step")
        try crashing.reset(seed: 1)
        _ = try crashing.step(.discrete(1))
        _ = try crashing.step(.discrete(1))
        let crash = error { try crashing.step(.discrete(1)) }
        XCTAssertTrue(crash.hasPrefix("plugin segv-step ("), crash)
        XCTAssertTrue(crash.contains("corridor-v1: step 3 of episode 1 crashed with SIGSEGV (segmentation fault)"), crash)
        // The process has gone; the environment says so, and a new one works.
        XCTAssertTrue(error { try crashing.reset(seed: 1) }.contains("its process has ended (plugin segv-step"))
        let fresh = try make("segv-step")
        XCTAssertEqual(try fresh.reset(seed: 1).observation, .vector([0, 0, 0, 0]))

        let aborting = try make("abort-step")
        try aborting.reset(seed: 1)
        _ = try aborting.step(.discrete(0))
        XCTAssertTrue(error { try aborting.step(.discrete(0)) }.contains("step 2 of episode 1 crashed with SIGABRT (abort)"))

        let overrunning = try make("overrun-step")
        try overrunning.reset(seed: 1)
        XCTAssertTrue(error { try overrunning.step(.discrete(0)) }
            .contains("step 1 of episode 1 wrote past the end of its observation buffer (value 4 of a buffer of 4)"))

        let hanging = try make("hang-step", timeout: 0.2)
        try hanging.reset(seed: 1)
        let start = Date()
        XCTAssertTrue(error { try hanging.step(.discrete(0)) }.contains("step 1 of episode 1 did not return within 0.2 s"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 3)
    }

    func testADestroyThatCrashesIsReportedLater() throws {
        _ = Plugins.takeUnreportedFailures()
        do {
            let library = try IsolatedPluginLibrary(path: try hostile("segv-destroy"), isolation: try isolation())
            let env = try IsolatedPluginEnvironment(library: library, environmentID: "corridor-v1", configuration: [:])
            try env.reset(seed: 1)
            _ = try env.step(.discrete(1))
        }
        let failures = Plugins.takeUnreportedFailures()
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.contains("corridor-v1: destroy crashed with SIGSEGV") ?? false, "\(failures)")
    }

    func testMissingFilesAndUnloadableLibrariesAreErrorsFromTheHost() throws {
        XCTAssertEqual(error { try IsolatedPluginLibrary(path: "/nonexistent/libnothing.so", isolation: try self.isolation()) },
                       "plugin /nonexistent/libnothing.so: no such file")
        let future = try PluginBuilds.build("Tests/GymPluginsTests/BrokenPlugins/wrong_version.c", "future")
        XCTAssertTrue(error { try IsolatedPluginLibrary(path: future, isolation: try self.isolation()) }
            .contains("ABI version 99, but this SwiftGym supports version 1"))
        XCTAssertTrue(error { try IsolatedPluginLibrary(path: future, isolation: PluginIsolation(hostExecutable: "/nonexistent/gym")) }
            .contains("plugin host /nonexistent/gym: cannot start it"))
    }
}
