/// An observation: an element of an environment's observation space.
///
/// - `discrete(i)`: an element of `Discrete` (the index itself, including the space's `start`).
/// - `integers(v)`: an element of `MultiDiscrete` or `MultiBinary`.
/// - `vector(v)`: an element of `Box`, flattened in row-major order; the shape is the space's `shape`.
///   Observations are single precision, as neural agents consume them.
public enum Observation: Hashable, Sendable, CustomStringConvertible {
    case discrete(Int)
    case integers([Int])
    case vector([Float])

    public var description: String { json.encoded() }

    /// The observation as JSON: a number for `discrete`, an array of numbers otherwise.
    public var json: JSONValue {
        switch self {
        case .discrete(let i): return .number(Double(i))
        case .integers(let v): return .array(v.map { .number(Double($0)) })
        // The shortest decimal that reads back as the same Float: 1.4975, not 1.497499942779541.
        case .vector(let v): return .array(v.map { .number(Double("\($0)") ?? Double($0)) })
        }
    }

    /// The index of a `discrete` observation, or nil.
    public var index: Int? { if case .discrete(let i) = self { return i } else { return nil } }
}
