import GymRuns
import XCTest

/// A sweep's plan is every agent × grid point × seed, each a `gym train` command with a directory of its own.
final class SweepPlanTests: XCTestCase {
    func testAPlanHasARunPerAgentGridPointAndSeed() {
        let plan = SweepPlan(environment: "cartpole-v1", arguments: ["--param", "gravity=9.8"], agents: ["ppo", "dqn"], seeds: 2,
                             settings: ["hidden_sizes": "16", "dqn.buffer_size": "500"],
                             grid: [SweepPlan.Axis(key: "ppo.learning_rate", values: ["0.001", "0.0003"])],
                             steps: 1000, evaluationEpisodes: 3, directory: "runs/plan")
        XCTAssertEqual(plan.runs.map(\.name), ["ppo-learning_rate=0.001-seed0", "ppo-learning_rate=0.001-seed1",
                                               "ppo-learning_rate=0.0003-seed0", "ppo-learning_rate=0.0003-seed1", "dqn-seed0", "dqn-seed1"])
        XCTAssertEqual(plan.configurations.map(\.name), ["ppo learning_rate=0.001", "ppo learning_rate=0.0003", "dqn"])
        XCTAssertNil(plan.environmentFile)
        XCTAssertEqual(plan.directory(of: plan.runs[5]), "runs/plan/runs/dqn-seed1")
        XCTAssertEqual(plan.trainArguments(of: plan.runs[5]),
                       ["train", "cartpole-v1", "--param", "gravity=9.8", "--agent", "dqn", "--seed", "1", "--steps", "1000",
                        "--eval-episodes", "3", "--json", "--set", "buffer_size=500", "--set", "hidden_sizes=16"])
    }
}
