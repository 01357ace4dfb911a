import GymJSON

/// A kind of MDP: the members it adds to the common ones, and its compiler.
public struct MDPKind {
    public var members: [String]
    public var requiredMembers: [String]
    /// Reads the kind's members, recording problems in the reader; nil when the definition cannot be built.
    public var compile: (OrderedJSON, MDPHeader, SpecReader) -> MDPDefinition?
}

/// The kinds the loader knows, by their `"kind"` name.
public enum MDPKinds {
    nonisolated(unsafe) public static var all: [String: MDPKind] = [
        "tabular": TabularKind.kind,
        "grid": GridKind.kind,
        "matrix-game": MatrixGameKind.kind,
        "dynamics": DynamicsKind.kind,
    ]
}
