import Gym
import GymMDP
import XCTest
import GymJSON
import GymTabular

final class ShippedEnvironmentTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Environments")

    static func load(_ id: String, overrides: [String: Double] = [:]) throws -> MDPDefinition {
        try MDPFile(path: folder.appendingPathComponent(id + ".json").path).compile(overrides: overrides)
    }

    func testEveryShippedFileLoadsAndMakesAnEnvironment() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: ShippedEnvironmentTests.folder.path).filter { $0.hasSuffix(".json") }
        XCTAssertGreaterThanOrEqual(files.count, 12)
        for file in files {
            let mdp = try MDPFile(path: ShippedEnvironmentTests.folder.appendingPathComponent(file).path)
            XCTAssertEqual(mdp.id + ".json", file, "a file is named after its id")
            let definition = try mdp.compile()
            if let makeGame = definition.makeMultiAgentEnvironment {
                // A game whose players are all agents: its description states its equilibria.
                let game = try makeGame()
                XCTAssertTrue(game.metadata.description.contains("Equilibri"), file)
                let (observations, _) = try game.reset(seed: 1, options: .none)
                for agent in game.possibleAgents { XCTAssertTrue(try game.observationSpace(agent).contains(observations[agent]!), file) }
                continue
            }
            let env = try definition.makeEnvironment()
            XCTAssertFalse(env.metadata.description.isEmpty, file)
            let (observation, _) = try env.reset(seed: 1, options: .none)
            XCTAssertTrue(env.observationSpace.contains(observation), file)
        }
    }

    // Russell & Norvig's table (gamma 1, living reward -0.04), to 1e-9 against an independent implementation.
    static let gridworldGamma1: [Double] = [0.8115582192, 0.8678082192, 0.9178082192, 0, 0.7615582192, 0.6602739726, 0,
                                            0.7053082192, 0.6553082192, 0.6114155251, 0.3879249112]
    static let gridworldGamma09: [Double] = [0.581078844, 0.7322952648, 0.889558496, 0, 0.4614350826, 0.5499803485, 0,
                                             0.3508265441, 0.3002099517, 0.3974613339, 0.1606287477]

    func testGridworldValuesMatchTheTextbookAtGammaOne() throws {
        let model = try XCTUnwrap(try ShippedEnvironmentTests.load("gridworld-v1").model)
        let solution = try ValueIteration.solve(model, gamma: 1)
        for (s, expected) in ShippedEnvironmentTests.gridworldGamma1.enumerated() {
            XCTAssertEqual(solution.values[s], expected, accuracy: 1e-9, model.stateNames[s])
        }
        XCTAssertEqual(model.stateNames, ["0,0", "0,1", "0,2", "0,3", "1,0", "1,2", "1,3", "2,0", "2,1", "2,2", "2,3"])
        // The textbook policy: the long way round from the bottom right.
        XCTAssertEqual(solution.policy.enumerated().filter { !model.terminal[$0.offset] }.map { model.actionNames[$0.element] },
                       ["right", "right", "right", "up", "up", "up", "left", "left", "left"])
    }

    func testGridworldValuesAtGammaPointNine() throws {
        let model = try XCTUnwrap(try ShippedEnvironmentTests.load("gridworld-v1").model)
        let solution = try ValueIteration.solve(model, gamma: 0.9)
        for (s, expected) in ShippedEnvironmentTests.gridworldGamma09.enumerated() {
            XCTAssertEqual(solution.values[s], expected, accuracy: 1e-9, model.stateNames[s])
        }
    }

    func testLivingRewardOverrideChangesThePolicyAsTheNotesSay() throws {
        let risky = try XCTUnwrap(try ShippedEnvironmentTests.load("gridworld-v1", overrides: ["living_reward": -0.4]).model)
        let policy = try ValueIteration.solve(risky, gamma: 1).policy
        XCTAssertEqual(risky.actionNames[policy[risky.stateNames.firstIndex(of: "2,1")!]], "right", "takes the short route")
        let desperate = try XCTUnwrap(try ShippedEnvironmentTests.load("gridworld-v1", overrides: ["living_reward": -2]).model)
        let jump = try ValueIteration.solve(desperate, gamma: 1).policy
        XCTAssertEqual(desperate.actionNames[jump[desperate.stateNames.firstIndex(of: "1,2")!]], "right", "jumps into the -1 cell")
    }

    func testPolicyIterationAgreesWithValueIterationEverywhere() throws {
        for (id, gamma) in [("gridworld-v1", 1.0), ("gridworld-v1", 0.9), ("frozen-lake-4x4-v1", 0.99), ("frozen-lake-8x8-v1", 0.95),
                            ("cliff-walking-v1", 1.0), ("rock-paper-scissors-v1", 0.9)] {
            let model = try XCTUnwrap(try ShippedEnvironmentTests.load(id).model)
            let vi = try ValueIteration.solve(model, gamma: gamma, tolerance: 1e-10)
            let pi = try PolicyIteration.solve(model, gamma: gamma, tolerance: 1e-10)
            for s in 0..<model.stateCount {
                XCTAssertEqual(vi.values[s], pi.values[s], accuracy: 1e-8, "\(id) state \(model.stateNames[s])")
                XCTAssertTrue(vi.bestActions(s, actionCount: model.actionCount, tolerance: 1e-8).contains(pi.policy[s]), "\(id) \(s)")
            }
        }
    }

    func testKnownOptimaOfTheGymnasiumLookalikes() throws {
        let cliff = try XCTUnwrap(try ShippedEnvironmentTests.load("cliff-walking-v1").model)
        XCTAssertEqual(try ValueIteration.solve(cliff, gamma: 1).values[cliff.start[0].state], -13, accuracy: 1e-9)
        let lake = try XCTUnwrap(try ShippedEnvironmentTests.load("frozen-lake-4x4-v1").model)
        XCTAssertEqual(try ValueIteration.solve(lake, gamma: 0.99).values[0], 0.542, accuracy: 5e-4)
        // Gymnasium's slippery FrozenLake: from cell 0 moving down, outcomes left (stay), down (4), right (1).
        let outcomes = lake.outcomes(0, 1).map { (lake.nextStates[$0], lake.probabilities[$0]) }
        XCTAssertEqual(Set(outcomes.map(\.0)), [0, 4, 1])
        XCTAssertTrue(outcomes.allSatisfy { abs($0.1 - 1.0 / 3) < 1e-9 })
        XCTAssertEqual(lake.terminal.enumerated().filter(\.element).map(\.offset), [5, 7, 11, 12, 15])
    }

    func testCliffTeleportsToTheStartWithMinusOneHundred() throws {
        let env = try ShippedEnvironmentTests.load("cliff-walking-v1").makeEnvironment()
        try env.reset(seed: 0)
        let step = try env.step(.discrete(1))  // right, into the cliff
        XCTAssertEqual(step.reward, -100)
        XCTAssertEqual(step.observation, .discrete(36))
        XCTAssertFalse(step.terminated)
    }

    func testRockPaperScissorsBestReplyIsPaper() throws {
        let model = try XCTUnwrap(try ShippedEnvironmentTests.load("rock-paper-scissors-v1").model)
        let solution = try ValueIteration.solve(model, gamma: 0.9)
        XCTAssertEqual(model.actionNames[solution.policy[0]], "paper")
        XCTAssertEqual(model.expectedReward(0, 1), 0.3, accuracy: 1e-12)
    }

    func testExploiterBeatsEveryDeterministicPolicy() throws {
        let env = try ShippedEnvironmentTests.load("rock-paper-scissors-exploiter-v1").makeEnvironment()
        XCTAssertNil((env as? ModelledEnvironment)?.knownModel)
        for move in 0..<3 {
            try env.reset(seed: UInt64(move))
            _ = try env.step(.discrete(move))
            for _ in 1..<100 { XCTAssertEqual(try env.step(.discrete(move)).reward, -1) }
        }
    }

    func testTheExploiterRemembersOnlyItsWindow() throws {
        // Window 3: after three rocks and three papers the opponent answers paper with scissors (rock is forgotten).
        let env = try ShippedEnvironmentTests.load("rock-paper-scissors-exploiter-v1", overrides: ["window": 3]).makeEnvironment()
        try env.reset(seed: 1)
        for _ in 0..<3 { _ = try env.step(.discrete(0)) }
        let afterRocks = try env.step(.discrete(1))
        XCTAssertEqual(afterRocks.info["opponent_action"], .string("paper"), "the best response to three rocks")
        XCTAssertEqual(afterRocks.reward, 0)
        XCTAssertEqual(try env.step(.discrete(1)).info["opponent_action"], .string("paper"), "rock, rock, paper in the window")
        _ = try env.step(.discrete(1))  // rock, paper, paper: paper and scissors tie
        XCTAssertEqual(try env.step(.discrete(1)).info["opponent_action"], .string("scissors"), "three papers: the rocks have left the window")
        // A tie in the window (one rock, one paper, one scissors) is broken at random, with one draw.
        var seen = Set<String>()
        for seed in 0..<40 as Range<UInt64> {
            try env.reset(seed: seed)
            for move in 0..<3 { _ = try env.step(.discrete(move)) }
            if case .string(let o) = try env.step(.discrete(0)).info["opponent_action"] { seen.insert(o) }
        }
        XCTAssertEqual(seen, ["rock", "paper", "scissors"])
    }

    func testUniformPlayBreaksEvenAgainstTheExploiter() throws {
        let env = try ShippedEnvironmentTests.load("rock-paper-scissors-exploiter-v1").makeEnvironment()
        var rng = RandomSource(seed: 99)
        var total = 0.0
        try env.reset(seed: 5)
        for _ in 0..<20_000 { total += try env.step(.discrete(rng.nextInt(below: 3))).reward }
        XCTAssertEqual(total / 20_000, 0, accuracy: 0.03)
    }

    func testTitForTatRepeatsTheAgentsLastMove() throws {
        let env = try ShippedEnvironmentTests.load("prisoners-dilemma-tit-for-tat-v1").makeEnvironment()
        XCTAssertFalse(env.metadata.isStochastic, "tit-for-tat draws no random numbers")
        XCTAssertEqual(try env.reset(seed: 0).observation, .integers([0, 0, 0, 0]))
        XCTAssertEqual(try env.step(.discrete(1)).reward, 5)
        let second = try env.step(.discrete(0))
        XCTAssertEqual(second.reward, 0)
        XCTAssertEqual(second.observation, .integers([1, 0, 0, 1]))
        XCTAssertEqual(try env.step(.discrete(0)).reward, 3)
    }

    func testParameterOverridesReachTheModel() throws {
        let model = try XCTUnwrap(try ShippedEnvironmentTests.load("rock-paper-scissors-v1",
                                                                  overrides: ["p_rock": 0.1, "p_paper": 0.1, "p_scissors": 0.8]).model)
        XCTAssertEqual(model.actionNames[try ValueIteration.solve(model, gamma: 0.5).policy[0]], "rock")
        XCTAssertThrowsError(try ShippedEnvironmentTests.load("rock-paper-scissors-v1", overrides: ["p_lizard": 1])) { error in
            XCTAssertTrue("\(error)".contains("has no parameter 'p_lizard'"), "\(error)")
        }
        XCTAssertThrowsError(try ShippedEnvironmentTests.load("rock-paper-scissors-v1", overrides: ["p_rock": 0.9])) { error in
            XCTAssertTrue("\(error)".contains("$.opponent.probabilities: opponent strategy: probabilities sum to 1.4, not 1"), "\(error)")
        }
    }

    func testGridRendersTheAgent() throws {
        let env = try ShippedEnvironmentTests.load("gridworld-v1").makeEnvironment()
        try env.reset(seed: 0)
        XCTAssertEqual(env.render(), "...+\n.#.-\nA...")
    }

    func testCoordinatesObservation() throws {
        let text = try String(contentsOf: ShippedEnvironmentTests.folder.appendingPathComponent("gridworld-v1.json"), encoding: .utf8)
            .replacingOccurrences(of: "\"kind\": \"grid\",", with: "\"kind\": \"grid\", \"observation\": \"coordinates\",")
        let env = try MDPFile(json: try JSONReader.parse(text, source: "inline"), path: "inline").compile().makeEnvironment()
        XCTAssertEqual(env.observationSpace, .multiDiscrete(try MultiDiscrete([3, 4])))
        XCTAssertEqual(try env.reset(seed: 0).observation, .integers([2, 0]))
    }
}
