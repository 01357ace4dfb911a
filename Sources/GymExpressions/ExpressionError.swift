/// An error in an expression, at a 1-based column of the expression text.
public struct ExpressionError: Error, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public var description: String { "col \(column): \(message)" }
}

