import CJSONC
import Foundation
import Gym

/// A JSON syntax error at a line and column (both 1-based) of a file or argument.
public struct JSONSyntaxError: Error, CustomStringConvertible, Equatable {
    public var source: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(source):\(line):\(column): JSON syntax error: \(message)" }
}

/// Reads JSON text with json-c into `JSONValue`s whose objects keep their keys in file order.
public enum JSONReader {
    /// Parses `text`; `source` names it in errors (a file path, or "--actions").
    /// - Throws: `JSONSyntaxError` with the line and column where json-c stopped.
    public static func parse(_ text: String, source: String) throws -> OrderedJSON {
        // A trailing newline lets json-c finish a bare top-level number ("4") instead of waiting for more digits.
        let bytes = Array(text.utf8) + [0x0A]
        guard let tokener = json_tokener_new_ex(Int32(JSON_TOKENER_DEFAULT_DEPTH)) else {
            throw JSONSyntaxError(source: source, line: 1, column: 1, message: "json-c could not allocate a tokener")
        }
        defer { json_tokener_free(tokener) }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT))
        let object: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) {
                json_tokener_parse_ex(tokener, $0, Int32(bytes.count))
            }
        }
        let error = json_tokener_get_error(tokener)
        let end = Int(json_tokener_get_parse_end(tokener))
        if error != json_tokener_success || object == nil {
            defer { if object != nil { json_object_put(object) } }
            let message = error == json_tokener_continue
                ? "unexpected end of input (unclosed array, object or string?)"
                : String(cString: json_tokener_error_desc(error))
            let offset = error == json_tokener_continue ? bytes.count - 1 : max(0, end - 1)
            let (line, column) = position(of: offset, in: bytes)
            throw JSONSyntaxError(source: source, line: line, column: column, message: message)
        }
        defer { json_object_put(object) }
        if let extra = bytes[end...].firstIndex(where: { !isWhitespace($0) }) {
            let (line, column) = position(of: extra, in: bytes)
            throw JSONSyntaxError(source: source, line: line, column: column, message: "unexpected text after the JSON value")
        }
        return convert(object)
    }

    /// Reads and parses the file at `path`.
    public static func parseFile(_ path: String) throws -> OrderedJSON {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GymError.invalidSpecification("\(path): cannot read the file (does it exist?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GymError.invalidSpecification("\(path): the file is not UTF-8 text")
        }
        return try parse(text, source: path)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// 1-based line and column (in characters) of byte `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        let limit = min(offset, bytes.count)
        for i in 0..<limit where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: bytes[lineStart..<limit], as: UTF8.self).count + 1
        return (line, column)
    }

    private static func convert(_ object: OpaquePointer?) -> OrderedJSON {
        guard let object else { return .null }
        switch json_object_get_type(object) {
        case json_type_null: return .null
        case json_type_boolean: return .bool(json_object_get_boolean(object) != 0)
        case json_type_int:
            return .number(Double(json_object_get_int64(object)))
        case json_type_double: return .number(json_object_get_double(object))
        case json_type_string:
            let length = Int(json_object_get_string_len(object))
            let pointer = json_object_get_string(object)!
            return .string(pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            })
        case json_type_array:
            let count = json_object_array_length(object)
            var items: [OrderedJSON] = []
            items.reserveCapacity(count)
            for i in 0..<count {
                items.append(convert(json_object_array_get_idx(object, i)))
                // Free the converted element now: its memory is reused for the next conversions, which
                // halves the peak memory and the page faults of large files.
                json_object_array_put_idx(object, i, nil)
            }
            return .array(items)
        case json_type_object:
            var members: [(String, OrderedJSON)] = []
            var iterator = json_object_iter_begin(object)
            var end = json_object_iter_end(object)
            while json_object_iter_equal(&iterator, &end) == 0 {
                let key = String(cString: json_object_iter_peek_name(&iterator))
                members.append((key, convert(json_object_iter_peek_value(&iterator))))
                json_object_iter_next(&iterator)
            }
            return .object(members)
        default:
            return .null
        }
    }
}

/// A parsed JSON value whose objects keep their members in file order (so that errors and listings
/// follow the file). `plain` converts it to a `JSONValue`.
public enum OrderedJSON: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    public static func == (a: OrderedJSON, b: OrderedJSON) -> Bool { a.plain == b.plain }

    public var plain: JSONValue {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.plain))
        case .object(let members):
            return .object(Dictionary(members.map { ($0.0, $0.1.plain) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// The member named `key` of an object, or nil.
    public subscript(key: String) -> OrderedJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
