import Gym
import GymMDP
import XCTest
import GymJSON

/// Sampled transitions must follow the declared model (chi-square goodness of fit, fixed seeds).
final class SamplingTests: XCTestCase {
    /// The 0.999 quantile of chi-square with k degrees of freedom (k = 1...6).
    static let critical = [10.83, 13.82, 16.27, 18.47, 20.52, 22.46]

    /// Samples `n` steps of `(state, action)` and returns the chi-square statistic and degrees of freedom.
    func chiSquare(_ env: TabularEnvironment, state: Int, action: Int, n: Int, seed: UInt64) throws -> (Double, Int) {
        let model = env.model
        var expected: [Int: Double] = [:]
        for k in model.outcomes(state, action) { expected[model.nextStates[k], default: 0] += model.probabilities[k] }
        var counts: [Int: Int] = [:]
        try env.reset(seed: seed, options: ResetOptions(initialState: .string(model.stateNames[state])))
        for _ in 0..<n {
            try env.reset(seed: nil, options: ResetOptions(initialState: .string(model.stateNames[state])))
            let step = try env.step(.discrete(action))
            counts[env.currentState!, default: 0] += 1
            XCTAssertNotNil(expected[env.currentState!], "sampled an undeclared next state")
            _ = step
        }
        let statistic = expected.reduce(0.0) { sum, item in
            let e = item.value * Double(n)
            return sum + pow(Double(counts[item.key, default: 0]) - e, 2) / e
        }
        return (statistic, expected.count - 1)
    }

    func testGridworldTransitionsFollowTheDrift() throws {
        let env = try ShippedEnvironmentTests.load("gridworld-v1").makeEnvironment() as! TabularEnvironment
        for (state, action) in [(7, 0), (5, 1), (9, 3), (0, 2)] {
            let (statistic, dof) = try chiSquare(env, state: state, action: action, n: 20_000, seed: UInt64(state * 10 + action))
            XCTAssertLessThan(statistic, SamplingTests.critical[dof - 1], "state \(state) action \(action)")
        }
    }

    func testFrozenLakeTransitionsAreThirds() throws {
        let env = try ShippedEnvironmentTests.load("frozen-lake-8x8-v1").makeEnvironment() as! TabularEnvironment
        let (statistic, dof) = try chiSquare(env, state: 10, action: 1, n: 30_000, seed: 3)
        XCTAssertEqual(dof, 2)
        XCTAssertLessThan(statistic, SamplingTests.critical[dof - 1])
    }

    func testStartDistributionAndTableFormAreSampledAsDeclared() throws {
        let json = """
            {"format": "swiftgym.mdp/1", "id": "coin-v1", "kind": "tabular", "states": ["a", "b", "c", "done"],
             "actions": ["flip"], "start": {"a": 0.5, "b": 0.3, "c": 0.2}, "terminal": ["done"],
             "table": [["a", "flip", 0.25, "done", 1], ["a", "flip", 0.75, "b", 0], [1, 0, 1, 3, 2], ["c", 0, 1, "done", 3]]}
            """
        let env = try MDPFile(json: try JSONReader.parse(json, source: "inline"), path: "inline").compile().makeEnvironment() as! TabularEnvironment
        XCTAssertTrue(env.metadata.isStochastic)
        var counts = [0, 0, 0]
        try env.reset(seed: 1)
        for _ in 0..<30_000 { counts[try env.reset().observation.index!] += 1 }
        let expected = [0.5, 0.3, 0.2].map { $0 * 30_000 }
        let statistic = (0..<3).reduce(0.0) { $0 + pow(Double(counts[$1]) - expected[$1], 2) / expected[$1] }
        XCTAssertLessThan(statistic, SamplingTests.critical[1])
        let (transitions, dof) = try chiSquare(env, state: 0, action: 0, n: 20_000, seed: 2)
        XCTAssertLessThan(transitions, SamplingTests.critical[dof - 1])
        try env.reset(seed: 0, options: ResetOptions(initialState: "c"))
        let last = try env.step(.discrete(0))
        XCTAssertEqual(last.reward, 3)
        XCTAssertTrue(last.terminated)
    }

    func testSameSeedSameTrajectoryOnTheGridworld() throws {
        func run(_ seed: UInt64) throws -> [Step] {
            let env = try ShippedEnvironmentTests.load("gridworld-v1").makeEnvironment()
            try env.reset(seed: seed)
            var steps: [Step] = []
            for t in 0..<200 {
                let step = try env.step(.discrete(t % 4))
                steps.append(step)
                if step.isLast { try env.reset() }
            }
            return steps
        }
        XCTAssertEqual(try run(4), try run(4))
        XCTAssertNotEqual(try run(4), try run(5))
    }
}
