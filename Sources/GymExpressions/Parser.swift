/// Recursive-descent parser. Precedence, lowest first: `?:` (right-associative), `||`, `&&`,
/// `== !=`, `< <= > >=`, `+ -`, `* / %`, unary `- !`, `^` (right-associative, binds tighter than
/// unary minus: `-x^2` is `-(x^2)`), then calls, `action[i]`, names, numbers and parentheses.
///
/// The tree's depth is bounded (Specs/limits.md), so that the recursive walks over it (compiling,
/// folding, freeing) cannot overflow the stack: at most `maxNesting` levels of parentheses, call
/// arguments, conditionals, unary operators and powers, `maxOperators` binary operators, and
/// `maxLength` characters. Going over a limit is an `ExpressionError` at the column where it happens.
public struct Parser {
    public static let maxNesting = 2_000
    public static let maxOperators = 10_000
    public static let maxLength = 1_000_000

    private var tokens: [(Token, Int)]
    private var position = 0
    private var depth = 0
    private var operators = 0

    public static func parse(_ text: String) throws -> Expression {
        guard text.utf8.count <= maxLength else {
            throw ExpressionError(column: 1, message: "the expression has \(text.utf8.count) characters; the limit is \(maxLength)")
        }
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

    /// One level deeper; throws at the limit.
    private mutating func enter() throws {
        depth += 1
        if depth > Parser.maxNesting {
            throw ExpressionError(column: column, message: "the expression nests deeper than \(Parser.maxNesting) levels "
                + "(parentheses, call arguments, conditionals, unary operators and powers); the limit is \(Parser.maxNesting)")
        }
    }

    /// One more binary operator; throws at the limit.
    private mutating func countOperator(at opColumn: Int) throws {
        operators += 1
        if operators > Parser.maxOperators {
            throw ExpressionError(column: opColumn, message: "the expression has more than \(Parser.maxOperators) binary operators; "
                + "the limit is \(Parser.maxOperators) (split it with let bindings)")
        }
    }

    private mutating func conditional() throws -> Expression {
        try enter()
        defer { depth -= 1 }
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
            try countOperator(at: opColumn)
            position += 1
            let right = try binary(level + 1)
            left = .binary(s, left, right, column: opColumn)
        }
        return left
    }

    private mutating func unary() throws -> Expression {
        let start = column
        guard case .symbol(let s) = peek, ["-", "+", "!"].contains(s) else { return try power() }
        try enter()
        defer { depth -= 1 }
        position += 1
        let operand = try unary()
        return s == "+" ? operand : .unary(s, operand, column: start)
    }

    private mutating func power() throws -> Expression {
        let base = try primary()
        let opColumn = column
        guard accept("^") else { return base }
        try countOperator(at: opColumn)
        try enter()
        defer { depth -= 1 }
        return .binary("^", base, try unary(), column: opColumn)
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
