/// A location in a JSON document, written as `$.transitions.s3.up[1].p` (keys that are not plain
/// identifiers are written `["0,1"]`).
///
/// Paths are made for every value a reader visits but written out only when an error is reported, so
/// a path is a link to its parent plus one step, and `text` is computed on demand.
public struct JSONPath: CustomStringConvertible, Hashable, Sendable {
    private enum Step: Sendable {
        case root, key(String), index(Int), column(Int)
    }

    private final class Node: Sendable {
        let parent: Node?
        let step: Step
        init(parent: Node?, step: Step) { self.parent = parent; self.step = step }
    }

    private let node: Node

    public static let root = JSONPath(node: Node(parent: nil, step: .root))

    private init(node: Node) { self.node = node }

    private func child(_ step: Step) -> JSONPath { JSONPath(node: Node(parent: node, step: step)) }

    public func key(_ name: String) -> JSONPath { child(.key(name)) }

    public func index(_ i: Int) -> JSONPath { child(.index(i)) }

    /// A place inside the string at this path: `$.next.x_dot, col 17`.
    public func column(_ c: Int) -> JSONPath { child(.column(c)) }

    /// The path as written in error messages.
    public var text: String {
        var steps: [Step] = []
        var current: Node? = node
        while let n = current { steps.append(n.step); current = n.parent }
        var text = ""
        for step in steps.reversed() {
            switch step {
            case .root: text += "$"
            case .index(let i): text += "[\(i)]"
            case .column(let c): text += ", col \(c)"
            case .key(let name):
                let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                    && !(name.first!.isNumber)
                if plain {
                    text += "." + name
                } else {
                    text += "[\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"]"
                }
            }
        }
        return text
    }

    public var description: String { text }

    public static func == (a: JSONPath, b: JSONPath) -> Bool { a.text == b.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
