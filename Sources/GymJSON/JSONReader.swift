internal import CJSONC
import Foundation

/// Reads JSON text into `OrderedJSON` values whose objects keep their keys in file order.
///
/// json-c parses every value. The reader itself walks only the outer levels (the root, and the arrays
/// and objects directly inside it) and hands each value below them to json-c on its own, converting and
/// freeing it before reading the next. json-c keeps about twenty times a file's size in objects (every
/// array reserves 32 slots, every number keeps its text): parsed whole, the 32 MB file of `gym bench
/// --large-mdp 100000` made 700 MB of them, and the page faults cost more than the parsing. Value by value,
/// the same few kilobytes are reused. Errors are the same either way: json-c's message at the line and
/// column where it stopped.
public enum JSONReader {
    /// Containers at depths below this are walked by the reader; deeper values go to json-c whole.
    static let walkedDepth = 2

    /// Parses `text`; `source` names it in errors (a file path, or "--actions").
    /// - Throws: `JSONSyntaxError` with the line and column where parsing stopped.
    public static func parse(_ text: String, source: String) throws -> OrderedJSON {
        // A trailing newline lets json-c finish a bare top-level number ("4") instead of waiting for more digits.
        var bytes = Array(text.utf8)
        bytes.append(0x0A)
        return try bytes.withUnsafeBufferPointer { buffer in
            var parser = try SegmentedParser(buffer, source: source)
            defer { parser.close() }
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            if parser.offset < buffer.count { throw parser.syntaxError(at: parser.offset, "unexpected text after the JSON value") }
            return value
        }
    }

    /// Reads and parses the file at `path`.
    /// - Throws: `JSONFileError` when the file cannot be read as UTF-8 text, `JSONSyntaxError` otherwise.
    public static func parseFile(_ path: String) throws -> OrderedJSON {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JSONFileError(file: path, reason: .unreadable)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JSONFileError(file: path, reason: .notUTF8)
        }
        return try parse(text, source: path)
    }

    /// 1-based line and column (in characters) of byte `offset`.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
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

    fileprivate static func convert(_ object: OpaquePointer?) -> OrderedJSON {
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
            members.reserveCapacity(Int(json_object_object_length(object)))
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

/// The outer levels of a JSON text, walked byte by byte; every value below them is parsed by json-c,
/// which stops after one value (`JSON_TOKENER_ALLOW_TRAILING_CHARS`) and says where.
private struct SegmentedParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    let tokener: UnsafeMutablePointer<json_tokener>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws {
        guard let tokener = json_tokener_new_ex(Int32(JSON_TOKENER_DEFAULT_DEPTH)) else {
            throw JSONSyntaxError(source: source, line: 1, column: 1, message: "json-c could not allocate a tokener")
        }
        json_tokener_set_flags(tokener, Int32(JSON_TOKENER_STRICT | JSON_TOKENER_ALLOW_TRAILING_CHARS))
        self.bytes = bytes
        self.source = source
        self.tokener = tokener
    }

    func close() { json_tokener_free(tokener) }

    mutating func value(depth: Int) throws -> OrderedJSON {
        skipWhitespace()
        guard offset < bytes.count else { throw endOfInput() }
        if depth < JSONReader.walkedDepth {
            if bytes[offset] == UInt8(ascii: "[") { return try array(depth: depth) }
            if bytes[offset] == UInt8(ascii: "{") { return try object(depth: depth) }
        }
        return try parsedByJSONC()
    }

    private mutating func array(depth: Int) throws -> OrderedJSON {
        offset += 1
        var items: [OrderedJSON] = []
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        repeat {
            items.append(try value(depth: depth + 1))
        } while try separator(closing: "]", "array value separator ',' expected")
        return .array(items)
    }

    private mutating func object(depth: Int) throws -> OrderedJSON {
        offset += 1
        var members: [(String, OrderedJSON)] = []
        var positions: [String: Int] = [:]
        skipWhitespace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        repeat {
            skipWhitespace()
            guard offset < bytes.count else { throw endOfInput() }
            guard bytes[offset] == UInt8(ascii: "\""), case .string(let key) = try parsedByJSONC() else {
                throw syntaxError(at: offset, "quoted object property name expected")
            }
            skipWhitespace()
            guard offset < bytes.count else { throw endOfInput() }
            guard bytes[offset] == UInt8(ascii: ":") else { throw syntaxError(at: offset, "object property name separator ':' expected") }
            offset += 1
            let member = try value(depth: depth + 1)
            // A repeated key replaces the earlier value in its place, as json-c does at deeper levels.
            if let i = positions[key] { members[i].1 = member } else {
                positions[key] = members.count
                members.append((key, member))
            }
        } while try separator(closing: "}", "object value separator ',' expected")
        return .object(members)
    }

    /// Consumes a `,` (true: another item follows) or the closing bracket (false).
    private mutating func separator(closing: Unicode.Scalar, _ message: String) throws -> Bool {
        skipWhitespace()
        guard offset < bytes.count else { throw endOfInput() }
        switch bytes[offset] {
        case UInt8(ascii: ","): offset += 1; return true
        case UInt8(ascii: closing): offset += 1; return false
        default: throw syntaxError(at: offset, message)
        }
    }

    /// One value at `offset`, parsed by json-c, converted, and freed.
    private mutating func parsedByJSONC() throws -> OrderedJSON {
        json_tokener_reset(tokener)
        let start = offset
        let length = Int32(clamping: bytes.count - start)
        let object = bytes.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: Int(length)) {
            json_tokener_parse_ex(tokener, $0, length)
        }
        defer { if object != nil { json_object_put(object) } }
        let error = json_tokener_get_error(tokener)
        let end = start + Int(json_tokener_get_parse_end(tokener))
        if error == json_tokener_continue { throw endOfInput() }
        if error != json_tokener_success {
            // json-c stops at the character it could not take: that is the place to show.
            throw syntaxError(at: min(end, bytes.count - 1), String(cString: json_tokener_error_desc(error)))
        }
        offset = end
        return JSONReader.convert(object)  // json-c's null is a nil object
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    func endOfInput() -> JSONSyntaxError {
        syntaxError(at: bytes.count - 1, "unexpected end of input (unclosed array, object or string?)")
    }

    func syntaxError(at offset: Int, _ message: String) -> JSONSyntaxError {
        let (line, column) = JSONReader.position(of: offset, in: bytes)
        return JSONSyntaxError(source: source, line: line, column: column, message: message)
    }
}
