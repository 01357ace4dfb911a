/// Operations of the expression bytecode. Booleans are 0 and 1.
///
/// What each opcode does (its spelling in expressions, its arity, its arithmetic and its lane kernel) is
/// declared once, in ``Opcode/definition`` (Opcode+Definitions.swift); the compiler, the constant folder and
/// both interpreters read it from there.
public enum Opcode: UInt8, CaseIterable, Sendable {
    case move, add, sub, mul, div, mod, pow, neg, not
    case lt, le, gt, ge, eq, ne
    case sin, cos, tan, asin, acos, atan, exp, log, sqrt, abs, floor, ceil, tanh, sign, wrapAngle
    case atan2, min, max, clip
    case normal, uniform, bernoulli
    /// `registers[dst] = registers[a] != 0 ? registers[b] : registers[c]` (both sides already computed).
    case select
    /// Fused pairs, each rounded exactly as the two operations in sequence (no fused multiply-add):
    /// `a + b * c`, `a - b * c`, `(b * c) / a`, `(b * c) * a`.
    case addMul, subMul, mulDiv, mulMul
    /// `a || (b < c)` and the like, fused from `a ? true : (b < c)`: `registers[a] != 0 || registers[b] < registers[c]`.
    case orLt, orGt, orLe, orGe
    /// Both functions of one angle, fused from `sin` and `cos` of register `a` in consecutive instructions
    /// (`gym_sincos`, bit-identical to the two calls): `sinCos` sets `registers[dst] = sin`,
    /// `registers[c] = cos`; `cosSin` sets `registers[dst] = cos`, `registers[c] = sin`.
    case sinCos, cosSin
    /// Jump to instruction `a` when register `b` is 0.
    case jumpIfFalse
    /// Jump to instruction `a`.
    case jump
}

/// One instruction: `registers[dst] = op(registers[a], registers[b], registers[c])`.
public struct Instruction: Sendable, Equatable {
    public var op: Opcode
    public var dst: Int32
    public var a: Int32
    public var b: Int32
    public var c: Int32
}
