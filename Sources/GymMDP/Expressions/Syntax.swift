/// An error in an expression, at a 1-based column of the expression text.
public struct ExpressionError: Error, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public var description: String { "col \(column): \(message)" }
}

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
            return ["normal", "uniform", "bernoulli"].contains(name) || arguments.contains { $0.drawsRandomNumbers }
        }
    }

    public var column: Int {
        switch self {
        case .number(_, let c), .name(_, let c), .index(_, _, let c), .unary(_, _, let c),
             .binary(_, _, _, let c), .conditional(_, _, _, let c), .call(_, _, let c):
            return c
        }
    }
}

/// Tokens of the expression language.
enum Token: Equatable {
    case number(Double)
    case name(String)
    case symbol(String)
    case end
}

/// Splits expression text into tokens with their columns.
struct Lexer {
    static let symbols = ["&&", "||", "==", "!=", "<=", ">=", "+", "-", "*", "/", "%", "^", "<", ">", "!", "?", ":", "(", ")", ",", "[", "]"]

    static func tokens(_ text: String) throws -> [(Token, Int)] {
        let chars = Array(text)
        var result: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let column = i + 1
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i
                while j < chars.count && (chars[j].isNumber || chars[j] == ".") { j += 1 }
                if j < chars.count && (chars[j] == "e" || chars[j] == "E") {
                    var k = j + 1
                    if k < chars.count && (chars[k] == "+" || chars[k] == "-") { k += 1 }
                    if k < chars.count && chars[k].isNumber {
                        while k < chars.count && chars[k].isNumber { k += 1 }
                        j = k
                    }
                }
                let literal = String(chars[i..<j])
                guard let value = Double(literal) else {
                    throw ExpressionError(column: column, message: "malformed number '\(literal)'")
                }
                result.append((.number(value), column))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                result.append((.name(String(chars[i..<j])), column))
                i = j
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if symbols.contains(two) {
                    result.append((.symbol(two), column))
                    i += 2
                } else if symbols.contains(String(c)) {
                    result.append((.symbol(String(c)), column))
                    i += 1
                } else {
                    throw ExpressionError(column: column, message: "unexpected character '\(c)'")
                }
            }
        }
        result.append((.end, chars.count + 1))
        return result
    }
}

/// Recursive-descent parser. Precedence, lowest first: `?:` (right-associative), `||`, `&&`,
/// `== !=`, `< <= > >=`, `+ -`, `* / %`, unary `- !`, `^` (right-associative, binds tighter than
/// unary minus: `-x^2` is `-(x^2)`), then calls, `action[i]`, names, numbers and parentheses.
public struct Parser {
    private var tokens: [(Token, Int)]
    private var position = 0

    public static func parse(_ text: String) throws -> Expression {
        var parser = Parser(tokens: try Lexer.tokens(text))
        let expression = try parser.conditional()
        guard case .end = parser.peek else {
            throw ExpressionError(column: parser.column, message: "unexpected \(parser.describe(parser.peek)) after a complete expression")
        }
        return expression
    }

    private init(tokens: [(Token, Int)]) { self.tokens = tokens }

    private var peek: Token { tokens[position].0 }
    private var column: Int { tokens[position].1 }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let x): return "number \(x)"
        case .name(let n): return "name '\(n)'"
        case .symbol(let s): return "'\(s)'"
        case .end: return "end of expression"
        }
    }

    private mutating func accept(_ symbol: String) -> Bool {
        if case .symbol(symbol) = peek { position += 1; return true }
        return false
    }

    private mutating func expect(_ symbol: String) throws {
        guard accept(symbol) else { throw ExpressionError(column: column, message: "expected '\(symbol)', found \(describe(peek))") }
    }

    private mutating func conditional() throws -> Expression {
        let start = column
        let condition = try binary(0)
        guard accept("?") else { return condition }
        let whenTrue = try conditional()
        try expect(":")
        let whenFalse = try conditional()
        return .conditional(condition, whenTrue, whenFalse, column: start)
    }

    private static let levels: [[String]] = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]]

    private mutating func binary(_ level: Int) throws -> Expression {
        guard level < Parser.levels.count else { return try unary() }
        var left = try binary(level + 1)
        while case .symbol(let s) = peek, Parser.levels[level].contains(s) {
            let opColumn = column
            position += 1
            let right = try binary(level + 1)
            left = .binary(s, left, right, column: opColumn)
        }
        return left
    }

    private mutating func unary() throws -> Expression {
        let start = column
        if accept("-") { return .unary("-", try unary(), column: start) }
        if accept("+") { return try unary() }
        if accept("!") { return .unary("!", try unary(), column: start) }
        return try power()
    }

    private mutating func power() throws -> Expression {
        let base = try primary()
        let opColumn = column
        if accept("^") { return .binary("^", base, try unary(), column: opColumn) }
        return base
    }

    private mutating func primary() throws -> Expression {
        let start = column
        switch peek {
        case .number(let x):
            position += 1
            return .number(x, column: start)
        case .name(let name):
            position += 1
            if accept("(") {
                var arguments: [Expression] = []
                if !accept(")") {
                    repeat { arguments.append(try conditional()) } while accept(",")
                    try expect(")")
                }
                return .call(name, arguments, column: start)
            }
            if accept("[") {
                let index = try conditional()
                try expect("]")
                return .index(name, index, column: start)
            }
            return .name(name, column: start)
        case .symbol("("):
            position += 1
            let inner = try conditional()
            try expect(")")
            return inner
        default:
            throw ExpressionError(column: start, message: "expected a number, a name or '(', found \(describe(peek))")
        }
    }
}
