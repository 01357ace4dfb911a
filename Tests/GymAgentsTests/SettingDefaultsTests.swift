import Foundation
import GymAgents
import XCTest

/// Each hyperparameter's default is written once, as its field's value: `gym agents` shows that value
/// (`SettingDescription.defaultValue`), and no help line writes it again, where it could drift.
final class SettingDefaultsTests: XCTestCase {
    /// The numbers written in `text` (`1,000,000` is one number).
    private func numbers(in text: String) -> [Double] {
        let pattern = try! NSRegularExpression(pattern: #"-?\d[\d,]*(\.\d+)?(e-?\d+)?"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Double(String(text[Range(match.range, in: text)!]).replacingOccurrences(of: ",", with: ""))
        }
    }

    private func words(in text: String) -> Set<String> {
        Set(text.lowercased().split { !$0.isLetter }.map(String.init))
    }

    func testNoHelpLineWritesItsDefaultAgain() {
        var checked = 0
        for agent in AgentRegistry.agents {
            for setting in agent.settings {
                let place = "\(agent.name) \(setting.key) (default \(setting.defaultValue)): \(setting.help)"
                switch setting.type {
                case "number", "integer":
                    let value = Double(setting.defaultValue)!
                    XCTAssertFalse(numbers(in: setting.help).contains(value), place)
                case "true or false":
                    let spelled: Set<String> = setting.defaultValue == "true" ? ["on", "true"] : ["off", "false"]
                    XCTAssertTrue(words(in: setting.help).isDisjoint(with: spelled), place)
                default:
                    XCTAssertFalse(setting.help.hasSuffix("\(setting.defaultValue).") || setting.help.contains("; \(setting.defaultValue)"), place)
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 70)
    }

    func testTheNumberCheckWouldCatchADefaultWrittenAgain() {
        XCTAssertTrue(numbers(in: "Transitions the replay buffer holds; 1,000,000 (SB3).").contains(1_000_000))
        XCTAssertTrue(numbers(in: "Adam's step size; 2.3e-3 (RL Zoo).").contains(0.0023))
    }
}
