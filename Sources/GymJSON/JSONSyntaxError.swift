/// A JSON syntax error at a line and column (both 1-based) of a file or argument.
public struct JSONSyntaxError: Error, CustomStringConvertible, Equatable {
    public var source: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(source):\(line):\(column): JSON syntax error: \(message)" }
}
