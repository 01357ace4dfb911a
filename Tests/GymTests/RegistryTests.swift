import XCTest
import Gym

final class RegistryTests: XCTestCase {
    func testMakeGivesASelfEnforcingEnvironmentItsTimeLimitWithoutAWrapper() throws {
        let env = try Registry.shared.make("corridor-v0")
        XCTAssertTrue(env is Corridor)
        XCTAssertEqual((env as? Corridor)?.episodeLimit, 100)
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 100)
        XCTAssertNil((try Registry.shared.makeUnwrapped("corridor-v0") as? Corridor)?.episodeLimit)
    }

    func testMakeWrapsAnyOtherEnvironmentInAnEpisodeGuard() throws {
        let registry = Registry(searchPaths: [])
        try registry.register(EnvironmentSpec(id: "echo-v1", kind: "swift", title: "", source: "test", maxEpisodeSteps: 3) { _ in EchoEnvironment() })
        let env = try registry.make("echo-v1")
        XCTAssertEqual((env as? EpisodeGuard)?.maxEpisodeSteps, 3)
        XCTAssertTrue(env.unwrapped is EchoEnvironment)
        XCTAssertEqual(env.metadata.maxEpisodeSteps, 3)
    }

    func testUnknownIdSuggestsCloseNames() {
        XCTAssertThrowsError(try Registry.shared.make("corridor-v1")) { error in
            XCTAssertEqual(error as? GymError, .unknownEnvironment(id: "corridor-v1", suggestions: ["corridor-v0"]))
            XCTAssertTrue("\(error)".contains("did you mean 'corridor-v0'?"))
        }
        XCTAssertThrowsError(try Registry.shared.make("zzzzzzzzzzzz-v9")) { error in
            XCTAssertEqual(error as? GymError, .unknownEnvironment(id: "zzzzzzzzzzzz-v9", suggestions: []))
        }
    }

    func testOverridesReachTheFactoryAndUnknownOnesAreRejected() throws {
        let env = try Registry.shared.makeUnwrapped("corridor-v0", overrides: ["length": 9])
        XCTAssertEqual(env.observationSpace, .discrete(try Discrete(9)))
        XCTAssertThrowsError(try Registry.shared.make("corridor-v0", overrides: ["lenght": 9])) { error in
            XCTAssertEqual("\(error)", "corridor-v0 has no parameter 'lenght'; its parameters are goal_reward, length, slip")
        }
    }

    func testIdsMustHaveAVersionAndMustBeUnique() throws {
        let registry = Registry(searchPaths: [])
        let spec = EnvironmentSpec(id: "thing-v2", kind: "swift", title: "", source: "test") { _ in try Corridor() }
        try registry.register(spec)
        XCTAssertThrowsError(try registry.register(spec))
        var bad = spec
        for id in ["thing", "thing-v", "thing-vx", "a/b/c-v1", "/x-v1", "Thing v1-v1"] {
            bad.id = id
            XCTAssertThrowsError(try registry.register(bad), id)
        }
        bad.id = "plugin/blackjack-v1"
        XCTAssertNoThrow(try registry.register(bad))
    }

    func testFileLoadersAreUsedForPathsAndDiscovery() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-registry-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "ok".write(to: dir.appendingPathComponent("one.fake"), atomically: true, encoding: .utf8)
        try "broken".write(to: dir.appendingPathComponent("two.fake"), atomically: true, encoding: .utf8)
        let registry = Registry(searchPaths: [dir.path])
        registry.addFileLoader(extension: "fake") { path in
            guard try String(contentsOfFile: path, encoding: .utf8) == "ok" else { throw GymError.invalidArgument("\(path): broken") }
            return [EnvironmentSpec(id: "fake-v1", kind: "fake", title: "", source: path) { _ in try Corridor() }]
        }
        XCTAssertTrue(try registry.make("fake-v1").unwrapped is Corridor)
        XCTAssertEqual(registry.problems.count, 1)
        XCTAssertTrue(registry.problems[0].message.hasSuffix("two.fake: broken"))
        XCTAssertThrowsError(try registry.make(dir.appendingPathComponent("two.fake").path))
    }
}
