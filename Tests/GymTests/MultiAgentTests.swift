import Gym
import XCTest

/// The parallel API's own rules, on a small game in which one agent leaves early.
final class MultiAgentTests: XCTestCase {
    /// Two agents count to 3; `quitter` terminates after its first step, `stayer` is truncated at 3.
    final class Countdown: MultiAgentEnvironment {
        let possibleAgents = ["quitter", "stayer"]
        private(set) var agents: [String] = []
        let metadata = EnvironmentMetadata(id: "countdown-v0", maxEpisodeSteps: 3, isStochastic: false)
        private var step = 0
        func observationSpace(_ agent: String) throws -> Space {
            guard possibleAgents.contains(agent) else { throw MultiAgentError.unknownAgent(agent: agent, known: possibleAgents) }
            return .discrete(try Discrete(4))
        }
        func actionSpace(_ agent: String) throws -> Space {
            guard possibleAgents.contains(agent) else { throw MultiAgentError.unknownAgent(agent: agent, known: possibleAgents) }
            return .discrete(try Discrete(2))
        }
        func reset(seed: UInt64?, options: ResetOptions) throws -> (observations: [String: Observation], infos: [String: Info]) {
            agents = possibleAgents
            step = 0
            return (["quitter": .discrete(0), "stayer": .discrete(0)], ["quitter": [:], "stayer": [:]])
        }
        func step(_ actions: [String: Action]) throws -> MultiAgentStep {
            guard !agents.isEmpty else { throw GymError.episodeEnded("countdown-v0: step() called after the episode ended") }
            try checkActions(actions)
            step += 1
            var result = MultiAgentStep(observations: [:], rewards: [:], terminated: [:], truncated: [:], infos: [:])
            for agent in agents {
                result.observations[agent] = .discrete(step)
                result.rewards[agent] = 1
                result.terminated[agent] = agent == "quitter"
                result.truncated[agent] = agent == "stayer" && step == 3
                result.infos[agent] = [:]
            }
            agents = agents.filter { !result.terminated[$0]! && !result.truncated[$0]! }
            return result
        }
    }

    func testAnAgentThatIsDoneTakesNoMoreActions() throws {
        let env = Countdown()
        try env.reset(seed: nil)
        let first = try env.step(["quitter": .discrete(0), "stayer": .discrete(1)])
        XCTAssertEqual(first.terminated, ["quitter": true, "stayer": false])
        XCTAssertFalse(first.isLast)
        XCTAssertEqual(env.agents, ["stayer"])
        XCTAssertThrowsError(try env.step(["quitter": .discrete(0), "stayer": .discrete(1)])) {
            XCTAssertEqual($0 as? MultiAgentError, .finishedAgent(agent: "quitter"))
            XCTAssertEqual("\($0)", "agent 'quitter' is done this episode and takes no more actions")
        }
        XCTAssertThrowsError(try env.step([:])) {
            XCTAssertEqual("\($0)", "no action for agent 'stayer'; step takes one action for each live agent (stayer)")
        }
        XCTAssertEqual(try env.step(["stayer": .discrete(1)]).observations, ["stayer": .discrete(2)])
        let last = try env.step(["stayer": .discrete(0)])
        XCTAssertTrue(last.isLast)
        XCTAssertEqual(env.agents, [])
    }

    func testOneLearnerSeesAnOrdinaryEnvironment() throws {
        final class Zero: FixedPolicy {
            var starts: [UInt64?] = []
            func start(seed: UInt64?) { starts.append(seed) }
            func act(_ observation: Observation) -> Action { .discrete(0) }
        }
        let policy = Zero()
        let env = try SingleLearnerEnvironment(Countdown(), learner: "stayer", others: ["quitter": policy])
        try env.reset(seed: 10)
        XCTAssertEqual(policy.starts, [11], "the k-th other agent's policy is seeded with seed + 1 + k")
        XCTAssertEqual(try env.step(.discrete(1)).info["actions"], .object(["quitter": .number(0)]))
        // The quitter is gone: the learner steps on alone.
        XCTAssertEqual(try env.step(.discrete(1)).info["actions"], .object([:]))
        XCTAssertTrue(try env.step(.discrete(1)).truncated)
        XCTAssertThrowsError(try env.step(.discrete(1))) { XCTAssertTrue($0 is GymError, "\($0)") }
        XCTAssertThrowsError(try SingleLearnerEnvironment(Countdown(), learner: "nobody", others: [:])) {
            XCTAssertEqual("\($0)", "unknown learner 'nobody'; the agents are quitter, stayer")
        }
        XCTAssertThrowsError(try SingleLearnerEnvironment(Countdown(), learner: "stayer", others: ["quitter": policy, "extra": policy])) {
            XCTAssertEqual("\($0)", "a policy for 'extra', which is not one of the other agents (quitter)")
        }
    }
}
