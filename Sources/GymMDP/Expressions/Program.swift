#if canImport(Glibc)
import Glibc
#endif
import CGymMath
import Gym

/// Operations of the expression bytecode. Booleans are 0 and 1.
public enum Opcode: UInt8, Sendable {
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

/// The arithmetic of the expression language, shared by the interpreter and constant folding so
/// that a folded constant is bit-identical to the value computed at run time.
@inline(__always)
func evaluate(_ op: Opcode, _ x: Double, _ y: Double, _ z: Double) -> Double {
    switch op {
    case .move: return x
    case .add: return x + y
    case .sub: return x - y
    case .mul: return x * y
    case .div: return x / y
    case .mod: return flooredModulo(x, y)
    case .pow: return y == 2 ? x * x : Glibc.pow(x, y)
    case .neg: return -x
    case .not: return x == 0 ? 1 : 0
    case .lt: return x < y ? 1 : 0
    case .le: return x <= y ? 1 : 0
    case .gt: return x > y ? 1 : 0
    case .ge: return x >= y ? 1 : 0
    case .eq: return x == y ? 1 : 0
    case .ne: return x != y ? 1 : 0
    case .sin: return gym_sin(x)
    case .cos: return gym_cos(x)
    case .tan: return Glibc.tan(x)
    case .asin: return Glibc.asin(x)
    case .acos: return Glibc.acos(x)
    case .atan: return Glibc.atan(x)
    case .exp: return Glibc.exp(x)
    case .log: return Glibc.log(x)
    case .sqrt: return x.squareRoot()
    case .abs: return Swift.abs(x)
    case .floor: return x.rounded(.down)
    case .ceil: return x.rounded(.up)
    case .tanh: return Glibc.tanh(x)
    case .sign: return x > 0 ? 1 : (x < 0 ? -1 : 0)
    case .wrapAngle: return flooredModulo(x + Double.pi, 2 * Double.pi) - Double.pi
    case .atan2: return Glibc.atan2(x, y)
    case .min: return y < x ? y : x
    case .max: return y > x ? y : x
    case .clip:  // spelled out, as the lane kernel (gym_lanes.c) spells it
        let low = y >= x ? y : x
        return z < low ? z : low
    case .select: return x != 0 ? y : z
    case .addMul: return x + (y * z)
    case .subMul: return x - (y * z)
    case .mulDiv: return (y * z) / x
    case .mulMul: return (y * z) * x
    case .orLt: return x != 0 || y < z ? 1 : 0
    case .orGt: return x != 0 || y > z ? 1 : 0
    case .orLe: return x != 0 || y <= z ? 1 : 0
    case .orGe: return x != 0 || y >= z ? 1 : 0
    case .normal, .uniform, .bernoulli, .jumpIfFalse, .jump, .sinCos, .cosSin: return .nan  // not pure functions of three values
    }
}

/// `x mod y` with the sign of `y` (Python's `%`, so `wrap_angle` matches Gymnasium's `angle_normalize`).
@inline(__always)
func flooredModulo(_ x: Double, _ y: Double) -> Double {
    let r = Glibc.fmod(x, y)
    return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
}

/// A compiled sequence of instructions over a register file of Doubles.
public struct Program: Sendable {
    public var instructions: [Instruction] = []

    /// Runs the program on `registers`, drawing random numbers from `rng` in instruction order.
    @inline(__always)
    public func run(_ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        instructions.withUnsafeBufferPointer { Program.run($0, registers, &rng) }
    }

    /// Runs the instructions `code` on `registers` (`run(_:_:)`, for code held outside an array).
    @inline(__always)
    static func run(_ code: UnsafeBufferPointer<Instruction>, _ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        do {
            var pc = 0
            let count = code.count
            while pc < count {
                let i = code[pc]
                pc += 1
                let d = Int(i.dst), a = Int(i.a), b = Int(i.b), c = Int(i.c)
                // The frequent operations are spelled out so that dispatch is a single jump table.
                switch i.op {
                case .move: registers[d] = registers[a]
                case .add: registers[d] = registers[a] + registers[b]
                case .sub: registers[d] = registers[a] - registers[b]
                case .mul: registers[d] = registers[a] * registers[b]
                case .div: registers[d] = registers[a] / registers[b]
                case .neg: registers[d] = -registers[a]
                case .sin: registers[d] = gym_sin(registers[a])
                case .cos: registers[d] = gym_cos(registers[a])
                case .sinCos: gym_sincos(registers[a], registers + d, registers + c)
                case .cosSin: gym_sincos(registers[a], registers + c, registers + d)
                case .lt: registers[d] = registers[a] < registers[b] ? 1 : 0
                case .gt: registers[d] = registers[a] > registers[b] ? 1 : 0
                case .eq: registers[d] = registers[a] == registers[b] ? 1 : 0
                case .select: registers[d] = registers[a] != 0 ? registers[b] : registers[c]
                case .addMul: registers[d] = registers[a] + (registers[b] * registers[c])
                case .subMul: registers[d] = registers[a] - (registers[b] * registers[c])
                case .mulDiv: registers[d] = (registers[b] * registers[c]) / registers[a]
                case .mulMul: registers[d] = (registers[b] * registers[c]) * registers[a]
                case .orLt: registers[d] = registers[a] != 0 || registers[b] < registers[c] ? 1 : 0
                case .orGt: registers[d] = registers[a] != 0 || registers[b] > registers[c] ? 1 : 0
                case .jumpIfFalse:
                    if registers[b] == 0 { pc = a }
                case .jump:
                    pc = a
                case .normal:
                    registers[d] = rng.normal(registers[a], registers[b])
                case .uniform:
                    registers[d] = rng.uniform(registers[a], registers[b])
                case .bernoulli:
                    registers[d] = rng.bernoulli(registers[a]) ? 1 : 0
                default:
                    registers[d] = evaluate(i.op, registers[a], registers[b], registers[c])
                }
            }
        }
    }
}
