import Gym
import GymGames
import GymJSON
import GymMDP
import Foundation
import XCTest

/// The matrix-game kind with players, its environment, and one learner against fixed policies.
final class MultiAgentGameTests: XCTestCase {
    func compile(_ text: String) throws -> MDPDefinition {
        try MDPFile(json: try JSONReader.parse(text, source: "game.json"), path: "game.json").compile()
    }

    func messages(_ text: String) -> [String] {
        do { _ = try compile(text); return [] } catch let error as SpecificationErrors {
            return error.issues.map { "\($0.path): \($0.message)" }
        } catch { return ["\(error)"] }
    }

    static let header = #""format": "swiftgym.mdp/1", "id": "g-v1", "kind": "matrix-game", "rounds": 3"#

    func testTwoPlayerZeroSumGamePaysBothPlayers() throws {
        let definition = try compile(#"{\#(Self.header), "players": ["a", "b"], "actions": ["x", "y"], "payoff": [[1, -2], [3, 4]], "observation": "last-moves"}"#)
        let env = try XCTUnwrap(try definition.makeMultiAgentEnvironment?())
        XCTAssertEqual(env.possibleAgents, ["a", "b"])
        XCTAssertEqual(try env.observationSpace("a"), .multiBinary(try MultiBinary(4)))
        let (observations, _) = try env.reset(seed: 1, options: .none)
        XCTAssertEqual(observations["b"], .integers([0, 0, 0, 0]))
        let step = try env.step(["a": .discrete(0), "b": .discrete(1)])
        XCTAssertEqual(step.rewards, ["a": -2, "b": 2])
        XCTAssertEqual(step.observations["a"], .integers([1, 0, 0, 1]))
        XCTAssertEqual(step.infos["a"]?["actions"], .object(["a": .string("x"), "b": .string("y")]))
        _ = try env.step(["a": .discrete(1), "b": .discrete(1)])
        let last = try env.step(["a": .discrete(1), "b": .discrete(0)])
        XCTAssertEqual(last.truncated, ["a": true, "b": true])
        XCTAssertEqual(env.agents, [])
        XCTAssertThrowsError(try definition.makeEnvironment()) {
            XCTAssertTrue("\($0)".hasPrefix("g-v1 is a game in which every player (a, b) is an agent"), "\($0)")
        }
        XCTAssertEqual(definition.game?.matrix(1), [[-1, 2], [-3, -4]])
    }

    func testThreePlayerPayoffsAreIndexedInPlayerOrder() throws {
        let definition = try compile(#"""
            {\#(Self.header), "players": ["a", "b", "c"], "actions": {"a": ["p", "q"], "b": ["r"], "c": ["s", "t", "u"]},
             "payoffs": {"a": [[[1, 2, 3]], [[4, 5, 6]]], "b": [[[0, 0, 0]], [[0, 0, 0]]], "c": [[[7, 8, 9]], [[10, 11, 12]]]}}
            """#)
        let env = try XCTUnwrap(try definition.makeMultiAgentEnvironment?())
        try env.reset(seed: nil, options: .none)
        let step = try env.step(["a": .discrete(1), "b": .discrete(0), "c": .discrete(2)])
        XCTAssertEqual(step.rewards, ["a": 6, "b": 0, "c": 12])
    }

    func testMultiAgentErrorsNameTheAgentAndNothingMoves() throws {
        let env = try XCTUnwrap(try compile(#"{\#(Self.header), "players": ["a", "b"], "actions": ["x", "y"], "payoff": [[1, -2], [3, 4]]}"#)
            .makeMultiAgentEnvironment?())
        XCTAssertThrowsError(try env.step(["a": .discrete(0), "b": .discrete(0)])) {
            XCTAssertEqual("\($0)", "g-v1: step() called before reset()")
        }
        try env.reset(seed: nil, options: .none)
        func message(_ actions: [String: Action]) -> String {
            do { _ = try env.step(actions); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(message(["a": .discrete(0)]), "no action for agent 'b'; step takes one action for each live agent (a, b)")
        XCTAssertEqual(message(["a": .discrete(0), "b": .discrete(0), "c": .discrete(0)]), "unknown agent 'c'; the agents are a, b")
        XCTAssertEqual(message(["a": .discrete(2), "b": .discrete(0)]),
                       "agent 'a': invalid action 2: 2 is outside 0...1 (action space Discrete(2))")
        XCTAssertEqual(message(["a": .continuous([.nan]), "b": .discrete(0)]).prefix(27), "agent 'a': invalid action [")
        XCTAssertThrowsError(try env.actionSpace("z")) { XCTAssertEqual("\($0)", "unknown agent 'z'; the agents are a, b") }
        // Nothing moved: three rounds are still left.
        for _ in 0..<2 { XCTAssertEqual(try env.step(["a": .discrete(0), "b": .discrete(0)]).truncated["a"], false) }
        XCTAssertEqual(try env.step(["a": .discrete(0), "b": .discrete(0)]).truncated["a"], true)
        XCTAssertEqual(message(["a": .discrete(0), "b": .discrete(0)]), "g-v1: step() called after the episode ended; call reset() first")
    }

    func testFileErrorsHaveJSONPaths() {
        let base = #"\#(Self.header), "players": ["a", "b"], "actions": ["x", "y"]"#
        XCTAssertEqual(messages(#"{\#(base), "payoff": [[1, 2], [3, 4]], "payoffs": {}}"#),
                       ["$.payoffs: give either 'payoff' (two-player zero-sum: the first player's matrix) or 'payoffs' (one array per player), not both"])
        XCTAssertEqual(messages(#"{\#(base), "payoff": [[1, 2], [3]]}"#), ["$.payoff[1]: expected 2 entries (one per opponent action), got 1"])
        XCTAssertEqual(messages(#"{\#(base), "payoffs": {"a": [[1, 2], [3, 4]], "b": [[1, 2]]}}"#),
                       ["$.payoffs.b: expected 2 entries (one per action of player 'a'), got 1"])
        XCTAssertEqual(messages(#"{\#(base), "payoffs": {"a": [[1, 2], [3, 4]]}}"#), ["$.payoffs: no payoffs for player 'b'"])
        XCTAssertEqual(messages(#"{\#(base), "payoffs": {"a": [[1, 2], [3, 4]], "b": [[1, 2], [3, 4]], "c": 1}}"#),
                       ["$.payoffs.c: unknown player 'c'; the players are a, b"])
        XCTAssertEqual(messages(#"{\#(Self.header), "players": ["a", "b", "c"], "actions": ["x"], "payoff": [[1]]}"#),
                       ["$.payoff: a single 'payoff' matrix describes a two-player zero-sum game, but there are 3 players; use 'payoffs'"])
        XCTAssertEqual(messages(#"{\#(base), "payoff": [[1, 2], [3, 4]], "opponent": {"type": "mixed", "probabilities": [1, 0]}}"#),
                       ["$.opponent: a game with 'players' has no opponent model; every player is an agent (remove 'opponent')"])
        XCTAssertEqual(messages(#"{\#(Self.header), "players": ["a"], "actions": ["x"], "payoff": [[1]]}"#),
                       ["$.players: a game has from 2 to 64 players, got 1"])
    }

    func testOneLearnerAgainstFixedPolicies() throws {
        final class Always: FixedPolicy {
            let move: Int
            init(_ move: Int) { self.move = move }
            func start(seed: UInt64?) {}
            func act(_ observation: Observation) -> Action { .discrete(move) }
        }
        let game = try XCTUnwrap(try compile(#"{\#(Self.header), "players": ["a", "b"], "actions": ["x", "y"], "payoff": [[1, -2], [3, 4]]}"#)
            .makeMultiAgentEnvironment?())
        let env = try SingleLearnerEnvironment(game, learner: "b", others: ["a": Always(1)])
        XCTAssertEqual(env.actionSpace, .discrete(try Discrete(2)))
        XCTAssertEqual(env.metadata.actionNames, ["x", "y"])
        try env.reset(seed: 4)
        let step = try env.step(.discrete(0))
        XCTAssertEqual(step.reward, -3)
        XCTAssertEqual(step.info["actions"], .object(["a": .string("y")]))
        XCTAssertThrowsError(try SingleLearnerEnvironment(game, learner: "b", others: [:])) { XCTAssertEqual("\($0)", "no policy for agent 'a'") }
        XCTAssertThrowsError(try env.step(.discrete(5)))
    }

    /// The single-agent kind's opponent models are fixed policies of the multi-agent game: the same
    /// model with the same seed gives the same rounds either way.
    func testOpponentModelsAreFixedPoliciesOfTheGame() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for id in ["rock-paper-scissors-exploiter-v1", "rock-paper-scissors-v1", "prisoners-dilemma-tit-for-tat-v1"] {
            let definition = try MDPFile(path: url.appendingPathComponent("Environments/\(id).json").path).compile()
            let single = try XCTUnwrap(try definition.makeEnvironment() as? MatrixGameEnvironment)
            let normalForm = try XCTUnwrap(definition.game)
            let game = try MatrixGameParallelEnvironment(game: normalForm, rounds: 1000, observesLastMoves: false, metadata: single.metadata)
            let policy = OpponentPolicy(single.game.opponent, watching: "agent", learnerActions: normalForm.actionCounts[0],
                                        payoff: normalForm.matrix(1))
            let learner = try SingleLearnerEnvironment(game, learner: "agent", others: ["opponent": policy])
            try single.reset(seed: 42)
            try learner.reset(seed: 41)  // the one other agent is seeded with seed + 1
            var rng = RandomSource(seed: 5)
            for round in 0..<90 {
                let action = Action.discrete(rng.nextInt(below: normalForm.actionCounts[0]))
                let a = try single.step(action), b = try learner.step(action)
                XCTAssertEqual(a.reward, b.reward, "\(id), round \(round)")
                XCTAssertEqual(a.info["opponent_action"], (b.info["actions"]?.objectValue?["opponent"]), "\(id), round \(round)")
            }
        }
    }
}
