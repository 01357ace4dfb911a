import Gym

/// One problem in a specification file, at a JSON path such as `$.transitions.s3.up[1].p`.
public struct SpecIssue: Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
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
