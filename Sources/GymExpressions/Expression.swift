/// The syntax tree of an expression. Every node records the column where it starts.
public indirect enum Expression: Equatable {
    case number(Double, column: Int)
    case name(String, column: Int)
    /// `action[i]`: a component of a continuous action.
    case index(String, Expression, column: Int)
    case unary(String, Expression, column: Int)
    case binary(String, Expression, Expression, column: Int)
    case conditional(Expression, Expression, Expression, column: Int)
    case call(String, [Expression], column: Int)

    /// Every name the expression mentions.
    public var names: Set<String> {
        switch self {
        case .number: return []
        case .name(let n, _): return [n]
        case .index(let n, let e, _): return e.names.union([n])
        case .unary(_, let e, _): return e.names
        case .binary(_, let a, let b, _): return a.names.union(b.names)
        case .conditional(let a, let b, let c, _): return a.names.union(b.names).union(c.names)
        case .call(_, let arguments, _): return arguments.reduce(into: Set<String>()) { $0.formUnion($1.names) }
        }
    }

    /// Whether evaluating the expression may call `normal`, `uniform` or `bernoulli`.
    public var drawsRandomNumbers: Bool {
        switch self {
        case .number, .name: return false
        case .index(_, let e, _), .unary(_, let e, _): return e.drawsRandomNumbers
        case .binary(_, let a, let b, _): return a.drawsRandomNumbers || b.drawsRandomNumbers
        case .conditional(let a, let b, let c, _): return a.drawsRandomNumbers || b.drawsRandomNumbers || c.drawsRandomNumbers
        case .call(let name, let arguments, _):
            return (OpcodeTable.functions[name]?.declared.draws ?? false) || arguments.contains { $0.drawsRandomNumbers }
        }
    }

    /// The 1-based column of the expression text where this node starts.
    public var column: Int {
        switch self {
        case .number(_, let c), .name(_, let c), .index(_, _, let c), .unary(_, _, let c),
             .binary(_, _, _, let c), .conditional(_, _, _, let c), .call(_, _, let c):
            return c
        }
    }
}
