import Gym
import GymAgents
import GymMDP
import XCTest

/// The one training loop: a single environment trains as a vector of one copy, and agents that learn one
/// transition at a time join it with their observations exactly as the environment gives them.
final class TrainingLoopTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        Environments.registerLoaders()
    }

    func corridor() throws -> Environment { try Registry.shared.make("corridor-v0", overrides: ["slip": 0.2, "length": 6]) }

    func qLearning(on env: Environment, steps: Int) throws -> Agent {
        try AgentRegistry.make("q-learning", context: AgentContext(environment: env, seed: 7, totalSteps: steps))
    }

    /// The loop an agent of one transition at a time was trained by before there was one loop: act, step,
    /// learn, reset at the end of an episode.
    func trainByHand(_ agent: Agent, on env: Environment, steps: Int, seed: UInt64) throws {
        var observation = try env.reset(seed: seed, options: .none).observation
        for _ in 0..<steps {
            let action = agent.act(observation, mode: .explore)
            let step = try env.step(action)
            _ = agent.learn(Transition(observation: observation, action: action, reward: step.reward, nextObservation: step.observation,
                                       terminated: step.terminated, truncated: step.truncated))
            observation = step.isLast ? try env.reset(seed: nil, options: .none).observation : step.observation
        }
    }

    func testATabularAgentLearnsOnAVectorOfOneAsFromItsOwnLoop() throws {
        let steps = 3000
        let trained = try qLearning(on: try corridor(), steps: steps), byHand = try qLearning(on: try corridor(), steps: steps)
        try Trainer(options: Trainer.Options(steps: steps, seed: 11)).run(agent: trained, environment: try corridor(),
                                                                         evaluationEnvironment: try corridor())
        try trainByHand(byHand, on: try corridor(), steps: steps, seed: 11)
        for s in 0..<6 {
            XCTAssertEqual(trained.actionValues(.discrete(s)), byHand.actionValues(.discrete(s)), "state \(s)")
        }
        XCTAssertNotEqual(trained.actionValues(.discrete(4)), [0, 0], "the agent learned")
    }

    func testASingleEnvironmentAndAVectorOfOneCopyTrainAlike() throws {
        let steps = 2000
        func train(onVector: Bool) throws -> Trainer {
            let env = try corridor()
            let agent = try AgentRegistry.make("dqn", context: AgentContext(environment: env, seed: 3, totalSteps: steps,
                                                                            settings: Settings(["learning_starts": "200", "hidden_sizes": "16"])))
            let trainer = Trainer(options: Trainer.Options(steps: steps, seed: 5, evaluationInterval: 500, evaluationEpisodes: 2))
            if onVector {
                let vector = try VectorEnvironment(count: 1, autoresetMode: .sameStep) { try self.corridor() }
                try trainer.run(agent: agent, vector: vector, evaluationEnvironment: try corridor())
            } else {
                try trainer.run(agent: agent, environment: env, evaluationEnvironment: try corridor())
            }
            return trainer
        }
        let single = try train(onVector: false), vector = try train(onVector: true)
        XCTAssertEqual(single.evaluations.map(\.step), [500, 1000, 1500, 2000])
        XCTAssertEqual(single.evaluations.map(\.returns), vector.evaluations.map(\.returns))
        XCTAssertEqual(single.log.episodeCount, vector.log.episodeCount)
    }

    func testAnAgentOfOneTransitionAtATimeRefusesAVectorOfSeveralCopies() throws {
        let agent = try qLearning(on: try corridor(), steps: 10)
        let vector = try VectorEnvironment(count: 2, autoresetMode: .sameStep) { try self.corridor() }
        XCTAssertThrowsError(try Trainer(options: Trainer.Options(steps: 10)).run(agent: agent, vector: vector, evaluationEnvironment: try corridor())) {
            XCTAssertEqual("\($0)", GymError.invalidArgument("q-learning trains on one environment, not on a vector of 2 copies").description)
        }
    }

    func testTheStateOfAnEarlierVersionsRunOnOneEnvironmentIsRefused() throws {
        let agent = try qLearning(on: try corridor(), steps: 10)
        let vector = try VectorEnvironment(count: 1, autoresetMode: .sameStep) { try self.corridor() }
        let earlier = TrainerState(step: 4, observation: .discrete(0), episodeReturns: [0], episodeLengths: [0], statistics: [:],
                                   log: EpisodeLog(interval: 1), evaluations: [])
        XCTAssertThrowsError(try Trainer(options: Trainer.Options(steps: 10)).run(agent: agent, vector: vector, evaluationEnvironment: try corridor(),
                                                                                 resuming: earlier)) {
            XCTAssertTrue("\($0)".contains("by an earlier version"), "\($0)")
        }
    }

    func testActionRowsStepAVectorAsActionValuesDo() throws {
        let make = { try Registry.shared.make("pendulum-v1") }
        let rowsVector = try VectorEnvironment(count: 3, autoresetMode: .sameStep, factory: make)
        let boxedVector = try VectorEnvironment(count: 3, autoresetMode: .sameStep, factory: make)
        try rowsVector.reset(seed: 1)
        try boxedVector.reset(seed: 1)
        var rows = ActionRows(count: 3, space: rowsVector.actionSpace)
        XCTAssertEqual(rows.form, .values(width: 1))
        for step in 0..<5 {
            let actions: [Action] = (0..<3).map { .continuous([Double($0) - 1 + 0.1 * Double(step)]) }
            for (i, action) in actions.enumerated() { rows.set(i, action) }
            XCTAssertEqual((0..<3).map(rows.action), actions)
            try rows.step(rowsVector)
            try boxedVector.step(actions)
            XCTAssertEqual(Array(rowsVector.observationBuffer), Array(boxedVector.observationBuffer))
            XCTAssertEqual(Array(rowsVector.rewardBuffer), Array(boxedVector.rewardBuffer))
        }
        XCTAssertEqual(ActionRows(count: 2, space: .discrete(try Discrete(3))).form, .indices)
        XCTAssertEqual(ActionRows(.discrete(2)).indices, [2])
        XCTAssertThrowsError(try ActionRows(count: 2, space: rowsVector.actionSpace).step(rowsVector)) {
            XCTAssertTrue("\($0)".contains("needs 3 actions, got 2"), "\($0)")
        }
    }
}
