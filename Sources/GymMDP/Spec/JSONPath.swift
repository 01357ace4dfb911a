/// A location in a JSON document, written as `$.transitions.s3.up[1].p` (keys that are not plain
/// identifiers are written `["0,1"]`).
public struct JSONPath: CustomStringConvertible, Hashable, Sendable {
    public private(set) var text: String

    public static let root = JSONPath(text: "$")

    public func key(_ name: String) -> JSONPath {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            && !(name.first!.isNumber)
        if plain { return JSONPath(text: text + "." + name) }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return JSONPath(text: text + "[\"" + escaped + "\"]")
    }

    public func index(_ i: Int) -> JSONPath { JSONPath(text: text + "[\(i)]") }

    /// A place inside the string at this path: `$.next.x_dot, col 17`.
    public func column(_ c: Int) -> JSONPath { JSONPath(text: text + ", col \(c)") }

    public var description: String { text }
}
