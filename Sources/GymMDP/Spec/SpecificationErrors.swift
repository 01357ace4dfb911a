import Gym

/// One problem in a specification file, at a JSON path such as `$.transitions.s3.up[1].p`.
///
/// `message` is the sentence shown to people. Problems of a value's type or range also carry what was
/// expected and what the file holds (`expected: "a number in [0, 1]"`, `actual: "1.5"`), for tools.
public struct SpecIssue: Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    /// What the place must hold, when the problem is a value of the wrong type or out of range.
    public var expected: String?
    /// What it holds: a JSON type name (`a string`) or the value.
    public var actual: String?

    public init(path: String, message: String, expected: String? = nil, actual: String? = nil) {
        self.path = path
        self.message = message
        self.expected = expected
        self.actual = actual
    }

    public var description: String { "\(path): \(message)" }
}

/// Every problem found in one file, reported together (the loader does not stop at the first).
public struct SpecificationErrors: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var issues: [SpecIssue]

    public var description: String {
        let noun = issues.count == 1 ? "error" : "errors"
        return "\(file): \(issues.count) \(noun)\n" + issues.map { "  \(file): \($0)" }.joined(separator: "\n")
    }
}
