import Foundation
import Gym
import GymAgents

/// Training throughput: DQN with its default (RL Zoo) settings on cartpole-v1, as `gym train` runs it.
struct TrainingBench {
    var steps: Int

    func run(_ report: BenchReport) throws {
        let environment = try Registry.shared.make("cartpole-v1"), evaluation = try Registry.shared.make("cartpole-v1")
        var context = AgentContext(environment: environment, seed: 1, totalSteps: steps)
        let dqn = try DQN(&context)
        let trainer = Trainer(options: .init(steps: steps, seed: 1, evaluationInterval: steps, evaluationEpisodes: 1))
        let seconds = try timed { try trainer.run(agent: dqn, environment: environment, evaluationEnvironment: evaluation) }.seconds
        let stepsPerSecond = Double(steps) / seconds, updatesPerSecond = Double(dqn.updateCount) / seconds
        report.section("Training: DQN on cartpole-v1, \(steps) steps, \(dqn.updateCount) updates of batch \(dqn.hyperparameters.batchSize)",
                       header: ["measure", "rate"],
                       rows: [["wall-clock time", String(format: "%.2f s", seconds)],
                              ["environment steps", String(format: "%.0f steps/s", stepsPerSecond)],
                              ["gradient updates", String(format: "%.0f updates/s", updatesPerSecond)]],
                       records: [["training": "dqn cartpole-v1", "steps": .number(Double(steps)), "updates": .number(Double(dqn.updateCount)),
                                  "seconds": .number(seconds), "steps_per_second": .number(stepsPerSecond.rounded()),
                                  "updates_per_second": .number(updatesPerSecond.rounded())]])
    }
}
