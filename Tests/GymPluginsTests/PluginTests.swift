import Foundation
import Gym
import GymConformance
import GymPlugins
import XCTest

/// Builds the example and the broken plugins with the system C compiler, once per test run.
enum PluginBuilds {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-plugins-\(getpid())")

    static func build(_ source: String, _ name: String, jsonc: Bool = false) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("lib\(name).so").path
        if FileManager.default.fileExists(atPath: output) { return output }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["cc", "-O2", "-shared", "-fPIC", "-I", root.appendingPathComponent("Sources/CGymPlugin/include").path,
                             root.appendingPathComponent(source).path, "-o", output] + (jsonc ? ["-ljson-c", "-lm"] : [])
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PluginError(path: source, reason: .cannotLoad("cc failed on \(source)")) }
        return output
    }

    static func inventory() throws -> String { try build("Plugins/inventory/inventory.c", "inventory", jsonc: true) }
}

final class PluginTests: XCTestCase {
    func error(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    func testInventoryPluginLoadsAndSteps() throws {
        let library = try PluginLibrary(path: try PluginBuilds.inventory())
        XCTAssertEqual(library.name, "inventory")
        XCTAssertEqual(library.environmentIDs, ["inventory-v1"])
        let env = try PluginEnvironment(library: library, environmentID: "inventory-v1", configuration: ["capacity": 8])
        XCTAssertEqual(env.observationSpace, .discrete(try Discrete(9)))
        XCTAssertEqual(env.actionSpace, .discrete(try Discrete(6)))
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 100)
        XCTAssertEqual(env.parameters["demand_rate"], 2.5)
        XCTAssertEqual(try env.reset(seed: 1, options: ResetOptions(initialState: 3)).observation, .discrete(3))
        let step = try env.step(.discrete(2))
        XCTAssertTrue(env.observationSpace.contains(step.observation))
        XCTAssertThrowsError(try env.step(.discrete(9))) { XCTAssertTrue("\($0)".contains("order 9 is not an integer in 0..5"), "\($0)") }
        XCTAssertThrowsError(try env.reset(seed: 1, options: ResetOptions(initialState: 99))) { XCTAssertTrue("\($0)".contains("initial_state must be"), "\($0)") }
    }

    func testTrajectoryMatchesTheReferenceRun() throws {
        // Computed by an independent Python implementation of the plugin's SplitMix64, Knuth Poisson
        // sampler and dynamics (seed 7, default parameters); guards the ABI and the host's encoding.
        let library = try PluginLibrary(path: try PluginBuilds.inventory())
        let env = try PluginEnvironment(library: library, environmentID: "inventory-v1", configuration: [:])
        _ = try env.reset(seed: 7, options: .none)
        var trace: [String] = []
        for a in [0, 3, 5, 1, 2, 4, 0, 0] {
            let step = try env.step(.discrete(a))
            trace.append("\(step.observation.index!):\(step.reward)")
        }
        XCTAssertEqual(trace, PluginTests.reference)
    }

    static let reference = ["4:2.0", "4:4.0", "7:-5.5", "7:-1.5", "2:23.0", "4:-2.0", "0:16.0", "0:0.0"]

    func testInventoryPluginPassesTheConformanceSuite() throws {
        let library = try PluginLibrary(path: try PluginBuilds.inventory())
        let results = ConformanceSuite.run {
            try TimeLimit(try PluginEnvironment(library: library, environmentID: "inventory-v1", configuration: [:]), maxEpisodeSteps: 100)
        }
        XCTAssertEqual(results.filter(\.outcome.isFailure).map { "\($0.id): \($0.outcome)" }, [])
    }

    func testRegistryLoadsPluginsByPath() throws {
        let path = try PluginBuilds.inventory()
        let registry = Registry(searchPaths: [])
        Plugins.registerLoader(in: registry)
        XCTAssertEqual(try Plugins.load(path, into: registry), ["inventory/inventory-v1"])
        let env = try registry.make("inventory/inventory-v1", overrides: ["demand_rate": 1])
        XCTAssertEqual(env.metadata.id, "inventory/inventory-v1")
        XCTAssertTrue(env.unwrapped is PluginEnvironment)
        XCTAssertTrue(error { try registry.make("inventory/inventory-v1", overrides: ["demand": 1]) }.contains("has no parameter 'demand'"))
        XCTAssertTrue(error { try registry.make("inventory/inventory-v1", overrides: ["demand_rate": -1]) }.contains("0 < demand_rate"))
    }

    func testEveryErrorPathIsAClearErrorNamingThePlugin() throws {
        XCTAssertEqual(error { try PluginLibrary(path: "/nonexistent/libnothing.so") }, "plugin /nonexistent/libnothing.so: no such file")
        let noEntry = try PluginBuilds.build("Tests/GymPluginsTests/BrokenPlugins/no_entry.c", "noentry")
        XCTAssertTrue(error { try PluginLibrary(path: noEntry) }.contains("exports no 'gym_plugin_v1' function"))
        let future = try PluginBuilds.build("Tests/GymPluginsTests/BrokenPlugins/wrong_version.c", "future")
        XCTAssertTrue(error { try PluginLibrary(path: future) }.contains("ABI version 99, but this SwiftGym supports version 1"))
        let notELF = PluginBuilds.directory.appendingPathComponent("libtext.so").path
        try "not a library".write(toFile: notELF, atomically: true, encoding: .utf8)
        XCTAssertTrue(error { try PluginLibrary(path: notELF) }.contains("cannot be loaded"))
        let misbehaving = try PluginLibrary(path: try PluginBuilds.build("Tests/GymPluginsTests/BrokenPlugins/misbehaving.c", "misbehaving"))
        XCTAssertTrue(error { try PluginEnvironment(library: misbehaving, environmentID: "lying-v1", configuration: [:]) }
            .contains("unknown space type 'Tuple'"))
        XCTAssertTrue(error { try PluginEnvironment(library: misbehaving, environmentID: "refused-v1", configuration: [:]) }
            .contains("cannot create refused-v1: refused: the license server is unreachable"))
        let failing = try PluginEnvironment(library: misbehaving, environmentID: "failing-v1", configuration: [:])
        _ = try failing.reset(seed: 0, options: .none)
        XCTAssertEqual(error { try failing.step(.discrete(0)) }, "plugin misbehaving: step: simulator diverged")
        XCTAssertTrue(error { try failing.step(.continuous([0])) }.contains("not of the shape of the action space"))
    }

    /// The Swift example plugin, built by `swift build` (and `make test`) next to the test bundle.
    static func swiftPlugin() throws -> String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("libSwiftRandomWalkPlugin.so")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        throw XCTSkip("libSwiftRandomWalkPlugin.so is not built; run `swift build` (make test does) first")
    }

    func testSwiftPluginExportsTheSameABI() throws {
        let library = try PluginLibrary(path: try PluginTests.swiftPlugin())
        XCTAssertEqual(library.name, "swiftwalk")
        XCTAssertEqual(library.environmentIDs, ["random-walk-v1"])
        let make = { try TimeLimit(try PluginEnvironment(library: library, environmentID: "random-walk-v1", configuration: [:]), maxEpisodeSteps: 50) }
        XCTAssertEqual(ConformanceSuite.run(make).filter(\.outcome.isFailure).map { "\($0.id): \($0.outcome)" }, [])
        let deterministic = try PluginEnvironment(library: library, environmentID: "random-walk-v1", configuration: ["slip": 0])
        XCTAssertFalse(deterministic.metadata.isStochastic)
        _ = try deterministic.reset(seed: 0, options: .none)
        _ = try deterministic.step(.discrete(1))
        _ = try deterministic.step(.discrete(1))
        let last = try deterministic.step(.discrete(1))
        XCTAssertEqual(last.reward, 1)
        XCTAssertTrue(last.terminated)
        XCTAssertTrue(error { try PluginEnvironment(library: library, environmentID: "random-walk-v1", configuration: ["speed": 2]) }
            .contains("the only parameter is slip"))
    }
}
