import Gym
import GymMDP
import XCTest
import GymJSON

final class DynamicsTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func make(_ id: String) throws -> DynamicsEnvironment {
        try ShippedEnvironmentTests.load(id).makeEnvironment() as! DynamicsEnvironment
    }

    /// Replays a Gymnasium trajectory (tools/gymnasium_trajectories.py) and compares every state to 1e-9.
    func replay(_ fixture: String, environment id: String) throws {
        let data = try Data(contentsOf: DynamicsTests.fixtures.appendingPathComponent(fixture))
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let initial = try XCTUnwrap(json["initial_state"] as? [Double])
        let actions = try XCTUnwrap(json["actions"] as? [Any])
        let steps = try XCTUnwrap(json["steps"] as? [[String: Any]])
        let env = try make(id)
        try env.reset(seed: 0, options: ResetOptions(initialState: .array(initial.map { .number($0) })))
        var worst = 0.0
        for (t, expected) in steps.enumerated() {
            let action: Action = (actions[t] as? [Double]).map { .continuous($0) } ?? .discrete(actions[t] as! Int)
            let step = try env.step(action)
            let state = try XCTUnwrap(expected["state"] as? [Double])
            for (a, b) in zip(env.state, state) { worst = max(worst, abs(a - b)) }
            XCTAssertEqual(step.reward, expected["reward"] as! Double, accuracy: 1e-9, "\(fixture) step \(t)")
            XCTAssertEqual(step.terminated, expected["terminated"] as! Bool, "\(fixture) step \(t)")
        }
        XCTAssertLessThan(worst, 1e-9, "\(fixture): largest state difference \(worst)")
    }

    func testCartPoleMatchesGymnasium() throws { try replay("gymnasium-cartpole-v1.json", environment: "cartpole-v1") }
    func testPendulumMatchesGymnasium() throws { try replay("gymnasium-pendulum-v1.json", environment: "pendulum-v1") }
    func testMountainCarMatchesGymnasium() throws { try replay("gymnasium-mountain-car-v1.json", environment: "mountain-car-v1") }
    func testMountainCarReachesTheGoalAsInGymnasium() throws { try replay("gymnasium-mountain-car-v1-goal.json", environment: "mountain-car-v1") }

    func testCartPoleCompilesToFusedInstructions() throws {
        // cos(theta) and sin(theta) are consecutive let bindings: one sincos call. The four bounds checks
        // of `terminated` are one comparison and three fused ones. (Speculative compilation of a binding
        // must not leave a half-fused pair behind.)
        let ops = try make("cartpole-v1").model.stepProgram.instructions.map(\.op)
        XCTAssertEqual(ops.filter { [.sin, .cos, .sinCos, .cosSin].contains($0) }, [.sinCos])
        XCTAssertEqual(ops.suffix(4), [.lt, .orGt, .orLt, .orGt])
        XCTAssertLessThanOrEqual(ops.count, 24)
    }

    func testObservationsKeptByTheCallerAreNotOverwrittenByLaterSteps() throws {
        // The environment reuses the observation array once no caller holds it; one that is held must not change.
        for env in [try make("cartpole-v1") as Environment] {
            let first = try env.reset(seed: 3, options: .none).observation
            let kept = try env.step(.discrete(1)).observation
            guard case .vector(let values) = kept else { return XCTFail("expected a vector") }
            let copy = Observation.vector(values.map { $0 })  // a new buffer, not a shared one
            var last = kept
            for _ in 0..<5 { last = try env.step(.discrete(0)).observation }
            XCTAssertEqual(kept, copy)
            XCTAssertNotEqual(kept, last)
            XCTAssertNotEqual(first, kept)
            XCTAssertEqual(try env.observe(), last)
        }
    }

    func testSeededDeterminismAndDifferentSeedsDiffer() throws {
        for id in ["cartpole-v1", "pendulum-v1", "demand-v1", "demand-continuous-v1"] {
            func run(_ seed: UInt64) throws -> [Step] {
                let env = try make(id)
                var (first, _) = try env.reset(seed: seed)
                var steps = [Step(observation: first, reward: 0, terminated: false, truncated: false)]
                for t in 0..<150 {
                    let action: Action = env.actionSpace.count != nil ? .discrete(t % 2) : .continuous([sin(Double(t))])
                    let step = try env.step(action)
                    steps.append(step)
                    if step.isLast { (first, _) = try env.reset() }
                }
                return steps
            }
            XCTAssertEqual(try run(3), try run(3), id)
            XCTAssertNotEqual(try run(3), try run(4), id)
            XCTAssertTrue(try make(id).metadata.isStochastic, id)
        }
    }

    func testCartPoleInitialStatesAreInRangeAndTerminationIsAtTheThresholds() throws {
        let env = try make("cartpole-v1")
        for seed in 0..<50 {
            try env.reset(seed: UInt64(seed))
            XCTAssertTrue(env.state.allSatisfy { abs($0) <= 0.05 })
        }
        try env.reset(seed: 0, options: ResetOptions(initialState: [2.39, 1, 0, 0]))
        XCTAssertTrue(try env.step(.discrete(1)).terminated)
        XCTAssertThrowsError(try env.reset(seed: 0, options: ResetOptions(initialState: [1, 2])))
    }

    func testResetRestoresConstantInitialValues() throws {
        // Regression: a constant init (velocity 0) must be written by every reset, not only at construction.
        let env = try make("mountain-car-v1")
        try env.reset(seed: 1)
        for _ in 0..<5 { _ = try env.step(.discrete(2)) }
        try env.reset(seed: 1)
        XCTAssertEqual(env.state[1], 0)
    }

    func testContinuousActionsOutsideTheBoundsAreRejected() throws {
        let env = try make("pendulum-v1")
        try env.reset(seed: 0)
        let before = env.state
        XCTAssertThrowsError(try env.step(.continuous([2.5])))
        XCTAssertThrowsError(try env.step(.continuous([.nan])))
        XCTAssertThrowsError(try env.step(.continuous([0, 0])))
        XCTAssertEqual(env.state, before, "a rejected action leaves the state unchanged")
        XCTAssertNoThrow(try ClipAction(env).step(.continuous([2.5])))
    }

    func testDemandRewardFollowsTheTrend() throws {
        let env = try make("demand-v1")
        try env.reset(seed: 0, options: ResetOptions(initialState: [0.4]))
        XCTAssertEqual(try env.step(.discrete(0)).reward, 0.4, "MORE when demand grows is rewarded")
        try env.reset(seed: 0, options: ResetOptions(initialState: [0.4]))
        XCTAssertEqual(try env.step(.discrete(1)).reward, -0.4, "LESS when demand grows is punished")
        try env.reset(seed: 0, options: ResetOptions(initialState: [-0.3]))
        XCTAssertEqual(try env.step(.discrete(1)).reward, 0.3)
    }

    func testClosedFormOptimumOfContinuousDemandBeatsPerturbations() throws {
        func meanReward(_ policy: (Double) -> Double) throws -> Double {
            let env = try make("demand-continuous-v1")
            var total = 0.0, count = 0
            for episode in 0..<200 {
                var observation = try env.reset(seed: UInt64(episode)).observation
                for _ in 0..<100 {
                    let p = Double(env.observationSpace.flatten(observation)[0])
                    let step = try env.step(.continuous([min(max(policy(p), -2), 2)]))
                    total += step.reward
                    count += 1
                    observation = step.observation
                }
            }
            return total / Double(count)
        }
        let optimal = try meanReward { $0 / (2 * 0.5) }
        XCTAssertEqual(optimal, 0.347, accuracy: 0.04, "E[p^2]/(4c) with E[p^2] = 0.25 / 0.36")
        for perturbation in [0.8, 1.2] { XCTAssertGreaterThan(optimal, try meanReward { perturbation * $0 }) }
        XCTAssertGreaterThan(optimal, try meanReward { $0 + 0.1 })
        XCTAssertGreaterThan(optimal, try meanReward { _ in 0 })
    }

    func testDeterministicDynamicsDeclareNoRandomness() throws {
        let json = """
            {"format": "swiftgym.mdp/1", "id": "drift-v1", "kind": "dynamics", "parameters": {"k": 0.5},
             "state": [{"name": "x", "init": 1}], "actions": {"type": "discrete", "names": ["a", "b"]},
             "next": {"x": "x * k + action"}, "reward": "-x", "terminated": "t >= 2",
             "observation": {"expressions": ["x"], "low": ["-inf"], "high": ["inf"]}}
            """
        let env = try MDPFile(json: try JSONReader.parse(json, source: "inline"), path: "inline").compile().makeEnvironment()
        XCTAssertFalse(env.metadata.isStochastic)
        try env.reset(seed: 1)
        XCTAssertEqual(try env.step(.discrete(1)).observation, .vector([1.5]))
        let second = try env.step(.discrete(0))
        XCTAssertEqual(second.reward, -0.75)
        XCTAssertFalse(second.terminated, "t is the index of the step being taken: 1")
        XCTAssertTrue(try env.step(.discrete(0)).terminated)
    }

    func testDynamicsErrorsNameThePathAndTheColumn() throws {
        let json = """
            {"format": "swiftgym.mdp/1", "id": "bad-v1", "kind": "dynamics", "parameters": {"tau": 0.02},
             "state": [{"name": "x", "init": 0}, {"name": "x_dot", "init": "x_dot + 1"}, {"name": "sin", "init": 0}],
             "actions": {"type": "discrete", "names": ["a"]},
             "let": [["a", "b + 1"], ["b", "b * 2"]],
             "next": {"x": "x + tau * x_dot", "x_dot": "x_dot + tau * xacc", "y": "1", "s": "s"},
             "reward": "x > 0", "terminated": "x",
             "observation": {"expressions": ["x", "a"], "low": [0, 0], "high": [1]}}
            """
        do {
            _ = try MDPFile(json: try JSONReader.parse(json, source: "bad.json"), path: "bad.json").compile()
            XCTFail("accepted")
        } catch {
            let message = "\(error)"
            for expected in [
                "$.state[2].name: 'sin' is a reserved name",
                "$.next.y: 'y' is not a state variable",
                "$.observation.high: expected 2 bounds, got 1",
            ] { XCTAssertTrue(message.contains(expected), "missing «\(expected)» in\n\(message)") }
        }
        let json2 = json.replacingOccurrences(of: "{\"name\": \"sin\", \"init\": 0}", with: "{\"name\": \"s\", \"init\": 0}")
            .replacingOccurrences(of: ", \"y\": \"1\"", with: "").replacingOccurrences(of: "\"sin\": \"sin\"", with: "\"s\": \"s\"").replacingOccurrences(of: "\"high\": [1]", with: "\"high\": [1, 1]")
        do {
            _ = try MDPFile(json: try JSONReader.parse(json2, source: "bad.json"), path: "bad.json").compile()
            XCTFail("accepted")
        } catch {
            let message = "\(error)"
            for expected in [
                "$.next.x_dot, col 15: unknown name 'xacc'",
                "$.state[1].init, col 1: 'x_dot' is a state variable initialised later",
                "$.let[0][1], col 1: 'b' is defined later in $.let",
                "$.let[1][1], col 1: 'b' refers to itself",
                "$.reward, col 1: expected a number expression, got a boolean",
                "$.terminated, col 1: expected a boolean expression, got a number",
                "$.observation.expressions[1], col 1: 'a' cannot be used here: the observation is a function of the state",
            ] { XCTAssertTrue(message.contains(expected), "missing «\(expected)» in\n\(message)") }
        }
    }
}
