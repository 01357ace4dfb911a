import CJSONC
import Foundation
import Gym
import GymJSON
import XCTest

/// Random documents: the reader must agree with Foundation's JSONSerialization on every value, and with
/// json-c parsing the whole text on whether a randomly damaged document is JSON at all.
final class JSONReaderRandomDocumentTests: XCTestCase {
    func randomValue(_ rng: inout RandomSource, depth: Int) -> String {
        let kind = depth >= 5 ? rng.nextInt(below: 4) : rng.nextInt(below: 6)
        switch kind {
        case 0: return ["null", "true", "false"][rng.nextInt(below: 3)]
        case 1: return JSONValue.format((rng.uniform(-1000, 1000) * 1000).rounded() / 1000)
        case 2: return String(rng.nextInt(below: 100_000) - 50_000)
        case 3: return JSONValue.string(["", "a", "s12", "x\"y", "tab\t", "é ü", "[{,:}]"][rng.nextInt(below: 7)]).encoded()
        case 4: return "[" + (0..<rng.nextInt(below: 5)).map { _ in randomValue(&rng, depth: depth + 1) }.joined(separator: ", ") + "]"
        default:
            let keys = (0..<rng.nextInt(below: 5)).map { "k\($0)" }
            return "{" + keys.map { "\"\($0)\": " + randomValue(&rng, depth: depth + 1) }.joined(separator: ",\n ") + "}"
        }
    }

    func foundation(_ text: String) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) else { return nil }
        func convert(_ any: Any) -> JSONValue {
            switch any {
            case is NSNull: return .null
            case let n as NSNumber:
                if String(cString: n.objCType) == "c" { return .bool(n.boolValue) }  // how Foundation marks a boolean
                return .number(n.doubleValue)
            case let s as String: return .string(s)
            case let a as [Any]: return .array(a.map(convert))
            case let d as [String: Any]: return .object(d.mapValues(convert))
            default: return .null
            }
        }
        return convert(object)
    }

    func testValuesMatchFoundation() throws {
        var rng = RandomSource(seed: 11)
        for _ in 0..<500 {
            let text = randomValue(&rng, depth: 0)
            XCTAssertEqual(try JSONReader.parse(text, source: "r").plain, foundation(text), text)
        }
    }

    /// json-c parsing the whole document at once, as the reader did before it walked the outer levels:
    /// whether `text` is one JSON value (json-c's leniencies included, such as leading zeros).
    func jsoncAcceptsWhole(_ text: String) -> Bool {
        let bytes = Array(text.utf8) + [0x0A]
        let tokener = json_tokener_new_ex(Int32(JSON_TOKENER_DEFAULT_DEPTH))!
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        let object = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { json_tokener_parse_ex(tokener, $0, Int32(bytes.count)) }
        }
        defer { if object != nil { json_object_put(object) } }
        guard json_tokener_get_error(tokener) == json_tokener_success else { return false }
        return bytes[Int(json_tokener_get_parse_end(tokener))...].allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) }
    }

    /// Damaged documents: the reader rejects exactly those that json-c rejects when parsing them whole.
    func testDamagedDocumentsAreRejectedAsJSONCRejectsThem() {
        var rng = RandomSource(seed: 12)
        var rejected = 0
        for _ in 0..<3000 {
            var bytes = Array(randomValue(&rng, depth: 0).utf8)
            let position = rng.nextInt(below: bytes.count + 1)
            if rng.nextInt(below: 2) == 0, position < bytes.count {
                bytes.remove(at: position)
            } else {
                bytes.insert(Array(",:[]{}\"x".utf8)[rng.nextInt(below: 8)], at: position)
            }
            guard let text = String(bytes: bytes, encoding: .utf8) else { continue }
            let ours = try? JSONReader.parse(text, source: "r")
            XCTAssertEqual(ours != nil, jsoncAcceptsWhole(text), text)
            if ours == nil { rejected += 1 }
        }
        XCTAssertGreaterThan(rejected, 1000, "most damage breaks the document")
    }
}
