import Gym

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
