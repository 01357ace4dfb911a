/// The type of an expression: a number or a boolean (booleans are stored as 0 and 1).
public enum ValueType: Equatable, Sendable {
    case number
    case boolean

    var noun: String { self == .number ? "a number" : "a boolean" }
    var plural: String { self == .number ? "numbers" : "booleans" }
}

/// What names mean where an expression is compiled.
public struct Scope {
    /// Parameters: compile-time constants.
    public var constants: [String: Double] = [:]
    /// Names bound to registers (state variables, let bindings, action components, `t`).
    public var registers: [String: (register: Int32, type: ValueType)] = [:]
    /// Names that exist but may not be used here, with the reason (e.g. a later let binding).
    public var unavailable: [String: String] = [:]
    /// Registers of `action[0]`, `action[1]`, ... for continuous actions.
    public var actionComponents: [Int32] = []
    /// Whether `normal`, `uniform` and `bernoulli` may be called.
    public var allowsRandom = true

    public init() {}
}
