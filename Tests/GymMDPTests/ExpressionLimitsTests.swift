import Foundation
import Gym
import GymJSON
import GymExpressions
import GymMDP
import XCTest

/// Deep or huge expressions are refused with an error at their place (Specs/limits.md), never a stack
/// overflow; deep but legal ones still load.
final class ExpressionLimitsTests: XCTestCase {
    /// `gym validate`'s message for a pendulum-like MDP whose reward is `reward`, or nil when it loads.
    func problem(reward: String) -> String? {
        let json: OrderedJSON = .object([
            ("format", .string(MDPFile.format)), ("id", .string("hostile-v1")), ("kind", .string("dynamics")),
            ("state", .array([.object([("name", .string("x")), ("init", .number(0))])])),
            ("actions", .object([("type", .string("discrete")), ("names", .array([.string("a")]))])),
            ("next", .object([("x", .string("x"))])), ("reward", .string(reward)),
            ("observation", .object([("expressions", .array([.string("x")])), ("low", .array([.number(-1)])), ("high", .array([.number(1)]))])),
        ])
        do {
            _ = try MDPFile(json: json, path: "hostile.json").compile().makeEnvironment()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testHundredThousandNestedParenthesesAreAnErrorNotACrash() throws {
        let message = try XCTUnwrap(problem(reward: String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)))
        XCTAssertTrue(message.contains("hostile.json: $.reward, col 2001: the expression nests deeper than 2000 levels"), message)
    }

    func testHundredThousandUnaryMinusSignsAreAnErrorNotACrash() throws {
        let message = try XCTUnwrap(problem(reward: String(repeating: "-", count: 100_000) + "x"))
        XCTAssertTrue(message.contains("$.reward, col 2000: the expression nests deeper than 2000 levels"), message)
    }

    func testASumOfHundredThousandTermsIsAnErrorNotACrash() throws {
        let message = try XCTUnwrap(problem(reward: Array(repeating: "x", count: 100_000).joined(separator: "+")))
        XCTAssertTrue(message.contains("the expression has more than 10000 binary operators"), message)
        XCTAssertTrue(message.contains("$.reward, col 20002"), message)
    }

    func testAnExpressionOfAMillionCharactersIsRefusedAtOnce() throws {
        let message = try XCTUnwrap(problem(reward: String(repeating: " ", count: Parser.maxLength) + "x"))
        XCTAssertTrue(message.contains("the expression has 1000001 characters; the limit is 1000000"), message)
    }

    func testDeepButLegalExpressionsStillLoad() {
        XCTAssertNil(problem(reward: Array(repeating: "x", count: 10_000).joined(separator: "+")), "a sum of 10,000 terms")
        XCTAssertNil(problem(reward: String(repeating: "(", count: 1_000) + "x" + String(repeating: ")", count: 1_000)), "1,000 parentheses")
        // The worst legal shape: the longest chain, with the deepest nesting at its end.
        let deepest = String(repeating: "(", count: Parser.maxNesting - 2) + "x" + String(repeating: ")", count: Parser.maxNesting - 2)
        XCTAssertNil(problem(reward: Array(repeating: "x", count: Parser.maxOperators).joined(separator: "+") + "+" + deepest))
    }
}
