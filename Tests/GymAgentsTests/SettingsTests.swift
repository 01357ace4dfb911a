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
        case "dpg": return try Registry.shared.make("pendulum-v1")
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
