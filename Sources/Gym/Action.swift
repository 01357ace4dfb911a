/// An action: an element of an environment's action space.
///
/// - `discrete(i)`: an element of `Discrete`.
/// - `integers(v)`: an element of `MultiDiscrete` or `MultiBinary`.
/// - `continuous(v)`: an element of `Box`, flattened in row-major order. Actions are double precision
///   so that a trajectory driven by recorded actions reproduces exactly.
public enum Action: Hashable, Sendable, CustomStringConvertible {
    case discrete(Int)
    case integers([Int])
    case continuous([Double])

    public var description: String { json.encoded() }

    public var json: JSONValue {
        switch self {
        case .discrete(let i): return .number(Double(i))
        case .integers(let v): return .array(v.map { .number(Double($0)) })
        case .continuous(let v): return .array(v.map { .number($0) })
        }
    }

    /// The index of a `discrete` action, or nil.
    public var index: Int? { if case .discrete(let i) = self { return i } else { return nil } }

    /// The values of a `continuous` action, or nil.
    public var values: [Double]? { if case .continuous(let v) = self { return v } else { return nil } }
}
