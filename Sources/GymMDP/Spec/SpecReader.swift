import Gym
import GymJSON

/// Reads a specification document field by field, resolving `"$name"` parameter references and
/// collecting every problem with its JSON path instead of stopping at the first.
///
/// Accessors return nil after recording an issue; callers carry on so that one run reports all issues.
/// Their paths are autoclosures, made only when an issue is recorded (large files have millions of values).
public final class SpecReader {
    public let file: String
    public private(set) var issues: [SpecIssue] = []
    /// Parameter values (defaults merged with overrides) that `"$name"` references resolve to.
    public var parameters: [String: Double] = [:]
    /// Parameter names referenced so far.
    public private(set) var referencedParameters: Set<String> = []

    public init(file: String) { self.file = file }

    /// A number as messages show it: as JSON writes it, and NaN or ±Infinity (which json-c reads but JSON
    /// cannot write) by name.
    public static func describe(_ x: Double) -> String {
        x.isNaN ? "NaN" : x.isInfinite ? (x < 0 ? "-Infinity" : "Infinity") : JSONValue.format(x)
    }

    /// Records an issue (once: a repeated identical issue is recorded one time).
    public func fail(_ path: JSONPath, _ message: String) {
        record(SpecIssue(path: path.text, message: message))
    }

    /// Records a value that is not what the place must hold: "expected <expected>, got <actual>".
    public func fail(_ path: JSONPath, expected: String, got actual: String) {
        record(SpecIssue(path: path.text, message: "expected \(expected), got \(actual)", expected: expected, actual: actual))
    }

    /// Records a number outside what the place allows: "<value> is not <requirement>".
    private func fail(_ path: JSONPath, value: Double, isNot requirement: String) {
        let actual = SpecReader.describe(value)
        record(SpecIssue(path: path.text, message: "\(actual) is not \(requirement)", expected: requirement, actual: actual))
    }

    private func record(_ issue: SpecIssue) {
        if !issues.contains(issue) { issues.append(issue) }
    }

    /// Throws `SpecificationErrors` if any issue was recorded.
    public func finish() throws {
        if !issues.isEmpty { throw SpecificationErrors(file: file, issues: issues) }
    }

    /// Records unknown members of `object` (with the allowed names in the message) and missing required ones.
    public func checkMembers(_ node: OrderedJSON, at path: @autoclosure () -> JSONPath, allowed: [String], required: [String] = []) {
        guard case .object(let members) = node else { return }
        // The reader keeps one member per key; an `OrderedJSON` made in code may repeat one.
        var seen = Set<String>()
        for (i, (key, _)) in members.enumerated() {
            let repeated = members.count <= 16 ? members[..<i].contains { $0.0 == key } : !seen.insert(key).inserted
            if repeated { fail(path().key(key), "duplicate member '\(key)'") }
            if !allowed.contains(key) {
                let close = allowed.filter { editDistance($0, key) <= 2 }
                fail(path().key(key), "unknown member '\(key)'" + (close.isEmpty ? "; allowed here: \(allowed.joined(separator: ", "))" : "; did you mean '\(close[0])'?"))
            }
        }
        for key in required where node[key] == nil {
            fail(path().key(key), "required member '\(key)' is missing")
        }
    }

    public func object(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath) -> [(String, OrderedJSON)]? {
        guard let node else { return nil }
        guard case .object(let members) = node else {
            fail(path(), expected: "an object", got: node.typeName)
            return nil
        }
        return members
    }

    public func array(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath, nonEmpty: Bool = false) -> [OrderedJSON]? {
        guard let node else { return nil }
        guard case .array(let items) = node else {
            fail(path(), expected: "an array", got: node.typeName)
            return nil
        }
        if nonEmpty && items.isEmpty {
            fail(path(), "must not be empty")
            return nil
        }
        return items
    }

    public func string(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath) -> String? {
        guard let node else { return nil }
        guard case .string(let s) = node else {
            fail(path(), expected: "a string", got: node.typeName)
            return nil
        }
        return s
    }

    public func bool(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath) -> Bool? {
        guard let node else { return nil }
        guard case .bool(let b) = node else {
            fail(path(), expected: "true or false", got: node.typeName)
            return nil
        }
        return b
    }

    /// A number, or a `"$name"` reference to a parameter.
    public func number(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath) -> Double? {
        guard let node else { return nil }
        switch node {
        case .number(let x):
            return x
        case .string(let s) where s.hasPrefix("$"):
            let name = String(s.dropFirst())
            referencedParameters.insert(name)
            guard let value = parameters[name] else {
                let known = parameters.keys.sorted()
                fail(path(), "parameter '\(name)' is referenced but not defined in $.parameters"
                    + (known.isEmpty ? "" : " (defined: \(known.joined(separator: ", ")))"))
                return nil
            }
            return value
        default:
            fail(path(), expected: "a number or a \"$parameter\" reference", got: node.typeName)
            return nil
        }
    }

    /// A number that must be finite and satisfy `check`, described by `requirement` in the message.
    public func number(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath, _ requirement: String, _ check: (Double) -> Bool) -> Double? {
        guard let x = number(node, at: path()) else { return nil }
        guard x.isFinite, check(x) else {
            fail(path(), value: x, isNot: requirement)
            return nil
        }
        return x
    }

    /// A whole number satisfying `check`.
    public func integer(_ node: OrderedJSON?, at path: @autoclosure () -> JSONPath, _ requirement: String, _ check: (Int) -> Bool) -> Int? {
        guard let x = number(node, at: path()) else { return nil }
        guard x == x.rounded(), abs(x) < 1e15, check(Int(x)) else {
            fail(path(), value: x, isNot: requirement)
            return nil
        }
        return Int(x)
    }

    /// A non-empty list of distinct non-empty strings (state or action names).
    public func names(_ node: OrderedJSON?, at path: JSONPath) -> [String]? {
        guard let items = array(node, at: path, nonEmpty: true) else { return nil }
        var result: [String] = []
        var seen = Set<String>()
        var ok = true
        for (i, item) in items.enumerated() {
            guard let name = string(item, at: path.index(i)) else { ok = false; continue }
            if name.isEmpty { fail(path.index(i), "names must not be empty"); ok = false; continue }
            if !seen.insert(name).inserted { fail(path.index(i), "duplicate name '\(name)'"); ok = false; continue }
            result.append(name)
        }
        return ok ? result : nil
    }

    /// Probabilities: each in [0, 1] and summing to 1 within 1e-9; `what` names them in the message.
    public func checkDistribution(_ probabilities: [Double], at path: JSONPath, what: String) -> Bool {
        if let i = probabilities.firstIndex(where: { $0 < 0 || $0 > 1 || !$0.isFinite }) {
            fail(path, "\(what): probability \(SpecReader.describe(probabilities[i])) is outside [0, 1]")
            return false
        }
        let total = probabilities.reduce(0, +)
        if abs(total - 1) > 1e-9 {
            fail(path, "\(what): probabilities sum to \(total), not 1")
            return false
        }
        return true
    }
}
