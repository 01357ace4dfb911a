import Foundation
import Gym
import GymAgents
import GymConformanceTesting
import GymMDP
import GymTabular
import GymPlugins
import XCTest

// Every Swift example of the DocC articles, verbatim, so that each one compiles and runs.
// ArticleExamplesTests fails when an article's example is missing here.

final class GettingStartedExamples: XCTestCase {
    func testRunAnEpisode() throws {
        let env = try Registry.shared.make("corridor-v0")
        _ = try env.reset(seed: 42)
        var rng = RandomSource(seed: 7)
        var total = 0.0
        var steps = 0
        while true {
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            total += step.reward
            steps += 1
            if step.terminated || step.truncated { break }
        }
        print("return \(total) over \(steps) steps")
        XCTAssertGreaterThan(steps, 0)
    }

    func testSeedsFixTrajectories() throws {
        func trajectory(seed: UInt64) throws -> [Observation] {
            let env = try Registry.shared.make("corridor-v0")
            var observations = [try env.reset(seed: seed).observation]
            for _ in 0..<20 {
                let step = try env.step(.discrete(1))
                observations.append(step.observation)
                if step.terminated || step.truncated { break }
            }
            return observations
        }
        let first = try trajectory(seed: 3), again = try trajectory(seed: 3)
        assert(first == again)
        XCTAssertEqual(first, again)
    }

    func testBadInputIsAnError() throws {
        let corridor = try Registry.shared.make("corridor-v0")
        do {
            _ = try corridor.step(.discrete(0))
        } catch GymError.resetNeeded(let message) {
            print(message)   // corridor-v0: step() called before reset()
        }
        _ = try corridor.reset(seed: 1)
        do {
            _ = try corridor.step(.discrete(5))
        } catch GymError.invalidAction(let message) {
            print(message)   // invalid action 5: 5 is outside 0...1 (action space Discrete(2))
        }
        // The messages the comments show.
        XCTAssertThrowsError(try Registry.shared.make("corridor-v0").step(.discrete(0))) {
            XCTAssertEqual($0 as? GymError, .resetNeeded("corridor-v0: step() called before reset()"))
        }
        XCTAssertThrowsError(try corridor.step(.discrete(5))) {
            XCTAssertEqual($0 as? GymError, .invalidAction("invalid action 5: 5 is outside 0...1 (action space Discrete(2))"))
        }
    }

    func testWrapAndVectorise() throws {
        let counted = EpisodeStatistics(try Registry.shared.make("corridor-v0"))
        let vector = try VectorEnvironment(count: 4) { try Registry.shared.make("corridor-v0") }
        try vector.reset(seed: 0)
        try vector.step(Array(repeating: .discrete(1), count: 4))
        print(vector.rewards, counted.metadata.id ?? "")
        XCTAssertEqual(vector.rewards.count, 4)
    }
}

final class WritingAPluginExamples: XCTestCase {
    func makeInventory(library: String) throws -> Environment {
        try Plugins.load(library)
        return try Registry.shared.make("inventory/inventory-v1")
    }

    func testAMissingLibraryIsAPluginError() {
        XCTAssertThrowsError(try makeInventory(library: "/nonexistent/libinventory.so")) { XCTAssertTrue($0 is PluginError, "\($0)") }
    }
}

final class ChoosingAnAgentExamples: XCTestCase {
    func trainQLearning() throws -> Double {
        let env = try Registry.shared.make("corridor-v0")
        let evaluation = try Registry.shared.make("corridor-v0")
        let agent = try AgentRegistry.make("q-learning", context: AgentContext(
            environment: env, seed: 1, totalSteps: 5_000, settings: Settings(["learning_rate": "0.2"])))
        let trainer = Trainer(options: Trainer.Options(steps: 5_000, seed: 1))
        try trainer.run(agent: agent, environment: env, evaluationEnvironment: evaluation)
        return trainer.evaluations.last!.mean
    }

    func testQLearningWalksTheCorridor() throws {
        // 5 steps right in a corridor of 6 cells: -1 per step, and 10 on the goal.
        XCTAssertGreaterThan(try trainQLearning(), 0)
    }
}

final class WritingAnMDPInJSONExamples: XCTestCase {
    func solveTwoDoors(path: String) throws -> String {
        let file = try MDPFile(path: path)
        let definition = try file.compile()
        let model = definition.model!
        let solution = try ValueIteration.solve(model, gamma: definition.header.discount ?? 0.99)
        let env = try definition.makeEnvironment()
        _ = try env.reset(seed: 1)
        _ = try env.step(.discrete(solution.policy[0]))
        return model.actionNames[solution.policy[0]]   // "left": 0.9 * 1 + 0.1 * -1 beats 0.5 * 1 + 0.5 * -1
    }

    func testTheTwoDoorsExampleIsValidAndSolved() throws {
        let json = try XCTUnwrap(ArticleExamplesTests.codeBlocks(language: "json", inArticle: "WritingAnMDPInJSON.md").first)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("two-doors-\(getpid()).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try solveTwoDoors(path: path), "left")
    }
}

final class CorridorConformanceTests: XCTestCase {
    func testConforms() {
        assertConforms { try Corridor(length: 5, slip: 0.2) }
    }
}
