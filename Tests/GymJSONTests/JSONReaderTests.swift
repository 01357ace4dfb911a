import CJSONC
import Foundation
import Gym
import GymJSON
import XCTest

/// The reader walks the outer levels itself and gives deeper values to json-c: both must agree.
final class JSONReaderTests: XCTestCase {
    func parse(_ text: String) throws -> OrderedJSON { try JSONReader.parse(text, source: "t.json") }

    func syntaxError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(text)
            XCTFail("parsed without an error: \(text)", file: file, line: line)
            return ""
        } catch {
            return "\(error)"
        }
    }

    func testValuesAtEveryDepth() throws {
        let text = #"{"a": [1, -2.5e3, "x\"y", true, null, {"b": [[], {}]}], "c": {"d": {"e": [1, [2, [3]]]}}, "e\u00e9": []}"#
        let value = try parse(text)
        let expected: OrderedJSON = .object([
            ("a", .array([.number(1), .number(-2500), .string("x\"y"), .bool(true), .null, .object([("b", .array([.array([]), .object([])]))])])),
            ("c", .object([("d", .object([("e", .array([.number(1), .array([.number(2), .array([.number(3)])])]))]))])),
            ("eé", .array([])),
        ])
        XCTAssertEqual(value, expected)
        guard case .object(let members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.0), ["a", "c", "eé"], "members keep file order")
    }

    func testScalarsAndEmptyContainersAtTheTop() throws {
        XCTAssertEqual(try parse("4"), .number(4))
        XCTAssertEqual(try parse(" \"s\" "), .string("s"))
        XCTAssertEqual(try parse("[ ]"), .array([]))
        XCTAssertEqual(try parse("{\n}"), .object([]))
    }

    /// A repeated key keeps its first place and its last value, at the walked levels as json-c does deeper.
    func testRepeatedKeysKeepTheLastValue() throws {
        let walked = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
        let deep = try parse(#"[[{"a": 1, "b": 2, "a": 3}]]"#)
        guard case .object(let members) = walked, case .array(let outer) = deep, case .array(let inner) = outer[0],
              case .object(let deepMembers) = inner[0] else { return XCTFail("wrong shapes") }
        XCTAssertEqual(members.map(\.0), ["a", "b"])
        XCTAssertEqual(members[0].1, .number(3))
        XCTAssertEqual(deepMembers.map(\.0), ["a", "b"])
        XCTAssertEqual(deepMembers[0].1, .number(3))
    }

    /// The same mistake gives the same message at a walked level and inside a value json-c parses whole,
    /// at the character that could not be taken.
    func testSyntaxErrorsNameTheCharacter() {
        let cases: [(String, String)] = [
            ("[1 2]", "t.json:1:4: JSON syntax error: array value separator ',' expected"),
            ("[[[1 2]]]", "t.json:1:6: JSON syntax error: array value separator ',' expected"),
            ("{\"a\" 1}", "t.json:1:6: JSON syntax error: object property name separator ':' expected"),
            ("[[{\"a\" 1}]]", "t.json:1:8: JSON syntax error: object property name separator ':' expected"),
            ("{a: 1}", "t.json:1:2: JSON syntax error: quoted object property name expected"),
            ("{\"a\": 1 \"b\": 2}", "t.json:1:9: JSON syntax error: object value separator ',' expected"),
            ("[1,\n ]", "t.json:2:2: JSON syntax error: unexpected character"),
            ("[[1,\n ]]", "t.json:2:2: JSON syntax error: unexpected character"),
            ("{\"a\": [1, 2}", "t.json:1:12: JSON syntax error: array value separator ',' expected"),
            ("{\"a\": [1, 2]", "unexpected end of input"),
            ("[[1, 2]", "unexpected end of input"),
            ("", "unexpected end of input"),
            ("{} x", "t.json:1:4: JSON syntax error: unexpected text after the JSON value"),
            ("// comment\n{}", "t.json:1:1: JSON syntax error:"),
        ]
        for (text, message) in cases {
            XCTAssertTrue(syntaxError(text).contains(message), "\(text): got '\(syntaxError(text))', expected '\(message)'")
        }
    }

    /// A large table parses to the same values as json-c gives for each row.
    func testLargeTable() throws {
        let rows = (0..<20_000).map { "[\($0), \($0 % 4), 0.25, \"s\($0)\", -1.5e-3]" }
        let value = try parse("{\"table\": [\n" + rows.joined(separator: ",\n") + "\n]}")
        guard case .array(let parsed)? = value["table"] else { return XCTFail("no table") }
        XCTAssertEqual(parsed.count, 20_000)
        XCTAssertEqual(parsed[12_345], .array([.number(12_345), .number(1), .number(0.25), .string("s12345"), .number(-0.0015)]))
    }
}
