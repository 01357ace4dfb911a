import Gym
import GymAgents
import GymMDP
import XCTest

/// Every agent lists each `--set` key once (`Configurable.keys`): what it reports in run.json is what it
/// reads, and a reported value read back changes nothing.
final class SettingsTests: XCTestCase {
    func environment(for agent: String) throws -> Environment {
        Environments.registerLoaders()
        switch agent {
        case "dpg", "sac": return try Registry.shared.make("pendulum-v1")
        case "q-learning", "sarsa", "value-iteration": return try Registry.shared.make("gridworld-v1")
        default: return try Registry.shared.make("cartpole-v1")
        }
    }

    func testReportedSettingsReadBackUnchanged() throws {
        for name in AgentRegistry.names {
            let env = try environment(for: name)
            let first = try AgentRegistry.make(name, context: AgentContext(environment: env, totalSteps: 1000))
            // Every reported key is accepted (no "has no setting"), and reading the values back reports the same.
            let again = try AgentRegistry.make(name, context: AgentContext(environment: env, totalSteps: 1000, settings: Settings(first.settings)))
            XCTAssertEqual(again.settings, first.settings, name)
        }
    }

    func testEverySettingIsListedWithATypeADefaultAndAHelpLine() throws {
        for entry in AgentRegistry.agents {
            let keys = entry.settings.map(\.key)
            XCTAssertEqual(Set(keys).count, keys.count, "\(entry.name) lists a key twice")
            for setting in entry.settings {
                XCTAssertFalse(setting.type.isEmpty || setting.defaultValue.isEmpty, "\(entry.name).\(setting.key)")
                XCTAssertTrue(setting.help.hasSuffix("."), "\(entry.name).\(setting.key): \(setting.help)")
            }
        }
        XCTAssertEqual(try AgentRegistry.settings("dqn").first { $0.key == "learning_rate" }?.defaultValue, "0.0023")
        XCTAssertEqual(try AgentRegistry.settings("a2c").first { $0.key == "n_steps" }?.defaultValue, "5", "a2c lists its own defaults")
        XCTAssertEqual(try AgentRegistry.settings("reinforce").first { $0.key == "policy" }?.type, "one of mlp, linear")
    }

    func testAMistypedKeyGetsASuggestion() throws {
        XCTAssertThrowsError(try AgentRegistry.make("q-learning", context: AgentContext(environment: try environment(for: "q-learning"),
                                                                                         settings: Settings(["learning_rat": "0.1"])))) {
            XCTAssertEqual("\($0)", "q-learning has no setting 'learning_rat'; did you mean 'learning_rate'? (`gym agents q-learning` lists its settings)")
        }
    }

    func testASettingChangesWhatIsReported() throws {
        let dqn = try AgentRegistry.make("dqn", context: AgentContext(environment: try environment(for: "dqn"),
                                                                      settings: Settings(["hidden_sizes": "32,16", "double_dqn": "true"])))
        XCTAssertEqual(dqn.settings["hidden_sizes"], "32,16")
        XCTAssertEqual(dqn.settings["double_dqn"], "true")
        let a2c = try AgentRegistry.make("a2c", context: AgentContext(environment: try environment(for: "a2c")))
        XCTAssertNil(a2c.settings["clip_range"], "a2c does not clip, so it has no clip_range")
        XCTAssertThrowsError(try AgentRegistry.make("a2c", context: AgentContext(environment: try environment(for: "a2c"),
                                                                                  settings: Settings(["clip_range": "0.1"]))))
        let td3 = try AgentRegistry.make("dpg", context: AgentContext(environment: try environment(for: "dpg"), settings: Settings(["td3": "true"])))
        XCTAssertEqual(td3.settings["policy_delay"], "2", "td3 delays the actor by default")
        let delayed = try AgentRegistry.make("dpg", context: AgentContext(environment: try environment(for: "dpg"),
                                                                          settings: Settings(["td3": "true", "policy_delay": "3"])))
        XCTAssertEqual(delayed.settings["policy_delay"], "3")
    }
}

/// Learning curves put their ticks on round numbers.
final class AxisScaleTests: XCTestCase {
    func testTicksFallOnRoundNumbersAndTheBoundsAreTicks() {
        let returns = AxisScale(from: -1.69, to: 209)
        XCTAssertEqual(returns.step, 50)
        XCTAssertEqual(returns.ticks, [-50, 0, 50, 100, 150, 200, 250])
        let small = AxisScale(from: 0.61, to: 0.93)
        XCTAssertEqual(small.step, 0.1)
        XCTAssertEqual(small.ticks.map(small.label), ["0.6", "0.7", "0.8", "0.9", "1.0"])
        let steps = AxisScale(from: 0, to: 300_000)
        XCTAssertEqual(steps.ticks.map(steps.label), ["0", "100k", "200k", "300k"])
        let quarter = AxisScale(from: 0, to: 1)
        XCTAssertEqual(quarter.ticks.map(quarter.label), ["0.00", "0.25", "0.50", "0.75", "1.00"])
        let flat = AxisScale(from: 500, to: 500)
        XCTAssertTrue(flat.ticks.contains(500), "a flat curve still gets an axis around it")
        for scale in [returns, small, steps, quarter, flat] {
            XCTAssertTrue([1, 2, 2.5, 5].contains { m in
                let e = scale.step / m
                return abs(log10(e) - log10(e).rounded()) < 1e-9
            }, "step \(scale.step)")
            XCTAssertEqual(scale.ticks.first, scale.low)
            XCTAssertEqual(scale.ticks.last, scale.high)
        }
    }

    func testTheCurvesAxisLabelsAreRound() {
        let svg = LearningCurve.svg(title: "t", series: [LearningCurve.Series(label: "a", points: [(0, -1.69, 0), (50_000, 209, 0)])])
        XCTAssertTrue(svg.contains(">250</text>"), svg)
        XCTAssertTrue(svg.contains(">50k</text>"), svg)
        XCTAssertFalse(svg.contains(">-1.69</text>") || svg.contains(">103</text>"), svg)
    }
}
