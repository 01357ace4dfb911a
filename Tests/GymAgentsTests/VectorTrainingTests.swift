import Gym
import GymAgents
import GymMDP
import XCTest

/// PPO and A2C trained on a vector of environments (`num_envs`), through `Trainer.run(agent:vector:...)`.
final class VectorTrainingTests: XCTestCase {
    override class func setUp() {
        super.setUp()
        Environments.registerLoaders()
    }

    func corridor() throws -> Environment { try Registry.shared.make("corridor-v0", overrides: ["slip": 0, "length": 6]) }

    /// Trains `name` on `count` copies for `steps` steps in all; returns the agent, the trainer and a fresh copy.
    func train(_ name: String, count: Int, steps: Int, settings: [String: String], make: () throws -> Environment)
        throws -> (VectorAgent, Trainer, Environment) {
        let env = try make()
        var all = settings
        all["num_envs"] = "\(count)"
        let agent = try XCTUnwrap(try AgentRegistry.make(name, context: AgentContext(environment: env, seed: 3, totalSteps: steps, settings: Settings(all))) as? VectorAgent)
        XCTAssertEqual(agent.environmentCount, count)
        let vector = try VectorEnvironment(count: count, autoresetMode: .sameStep, factory: make)
        let trainer = Trainer(options: Trainer.Options(steps: steps, seed: 3, evaluationInterval: steps / 4, evaluationEpisodes: 1))
        try trainer.run(agent: agent, vector: vector, evaluationEnvironment: try make())
        return (agent, trainer, env)
    }

    func testPPOAndA2CLearnTheCorridorFromEightCopies() throws {
        let (ppo, trainer, env) = try train("ppo", count: 8, steps: 4096, settings: ["n_steps": "64", "learning_rate": "0.003", "hidden_sizes": "32"], make: corridor)
        XCTAssertEqual(try Trainer.evaluate(ppo, on: env, episodes: 2, seed: 1), [5, 5])
        XCTAssertEqual(trainer.evaluations.map(\.step), [1024, 2048, 3072, 4096], "evaluations at each interval the copies' steps reach")
        XCTAssertGreaterThan(trainer.log.episodeCount, 8, "every copy's episodes are recorded")
        let (a2c, _, _) = try train("a2c", count: 8, steps: 6000, settings: ["learning_rate": "0.003", "hidden_sizes": "32"], make: corridor)
        XCTAssertEqual(try Trainer.evaluate(a2c, on: env, episodes: 2, seed: 1), [5, 5])
    }

    func testPPOBalancesCartPoleFromEightCopies() throws {
        // RL Zoo's CartPole setup in miniature: 8 copies, short rollouts.
        let (ppo, _, env) = try train("ppo", count: 8, steps: 40_000, settings: ["n_steps": "32", "batch_size": "256", "n_epochs": "20",
                                                                               "gae_lambda": "0.8", "gamma": "0.98", "learning_rate": "0.001"]) {
            try Registry.shared.make("cartpole-v1")
        }
        let returns = try Trainer.evaluate(ppo, on: env, episodes: 3, seed: 5)
        XCTAssertGreaterThan(returns.reduce(0, +) / 3, 150, "\(returns)")
    }

    func testDQNAndDPGCollectFromFourCopies() throws {
        let (dqn, _, env) = try train("dqn", count: 4, steps: 3000, settings: [
            "learning_starts": "200", "train_frequency": "4", "gradient_steps": "1", "target_update_interval": "100",
            "hidden_sizes": "32", "batch_size": "32", "exploration_fraction": "0.5", "learning_rate": "0.001",
        ], make: corridor)
        XCTAssertEqual(try Trainer.evaluate(dqn, on: env, episodes: 2, seed: 1), [5, 5])
        let (dpg, _, _) = try train("dpg", count: 4, steps: 1500, settings: [
            "learning_starts": "200", "batch_size": "64", "hidden_sizes": "32,32", "learning_rate": "0.003",
        ]) { ContinuousTarget() }
        guard case .continuous(let a) = dpg.act(.vector([0]), mode: .greedy) else { return XCTFail() }
        XCTAssertEqual(a[0], 0.5, accuracy: 0.1)
    }

    func testTrainingOnAVectorNeedsSameStepAutoreset() throws {
        let env = try corridor()
        let agent = try XCTUnwrap(try AgentRegistry.make("ppo", context: AgentContext(environment: env, settings: Settings(["num_envs": "2"]))) as? VectorAgent)
        let vector = try VectorEnvironment(count: 2, factory: corridor)
        XCTAssertThrowsError(try Trainer(options: Trainer.Options(steps: 10)).run(agent: agent, vector: vector, evaluationEnvironment: env)) { error in
            XCTAssertTrue("\(error)".contains("same-step"), "\(error)")
        }
        XCTAssertThrowsError(try AgentRegistry.make("ppo", context: AgentContext(environment: env, settings: Settings(["num_envs": "0"]))))
    }
}
