#if canImport(Glibc)
import Glibc
#endif
import CGymMath
import GymRandom

extension Opcode {
    /// What this opcode does: the one declaration of each opcode's spelling, arity, types, scalar
    /// arithmetic and lane kernel. The lane kernels (gym_lanes.h) compute exactly what the scalar
    /// closures compute; `ExpressionLaneTests` compares them bit for bit.
    var definition: OpcodeDefinition {
        switch self {
        case .move: return .init(arity: 1, .pure({ x, _, _ in x }, lanes: .unary(gym_lanes_move)))
        case .add: return .init(.infix("+"), arity: 2, .pure({ x, y, _ in x + y }, lanes: .binary(gym_lanes_add)))
        case .sub: return .init(.infix("-"), arity: 2, .pure({ x, y, _ in x - y }, lanes: .binary(gym_lanes_sub)))
        case .mul: return .init(.infix("*"), arity: 2, .pure({ x, y, _ in x * y }, lanes: .binary(gym_lanes_mul)))
        case .div: return .init(.infix("/"), arity: 2, .pure({ x, y, _ in x / y }, lanes: .binary(gym_lanes_div)))
        case .mod: return .init(.infix("%"), arity: 2, .pure({ x, y, _ in flooredModulo(x, y) }))
        // x ^ 2 is x * x, so that it rounds as the product it is compiled into.
        case .pow: return .init(.infix("^"), .function("pow"), arity: 2, .pure({ x, y, _ in y == 2 ? x * x : Glibc.pow(x, y) }))
        case .neg: return .init(.prefix("-"), arity: 1, .pure({ x, _, _ in -x }, lanes: .unary(gym_lanes_neg)))
        case .not: return .init(.prefix("!"), arity: 1, operands: .boolean, result: .boolean, .pure({ x, _, _ in x == 0 ? 1 : 0 }))
        case .lt: return .comparison("<", { x, y, _ in x < y ? 1 : 0 }, gym_lanes_lt)
        case .le: return .comparison("<=", { x, y, _ in x <= y ? 1 : 0 }, gym_lanes_le)
        case .gt: return .comparison(">", { x, y, _ in x > y ? 1 : 0 }, gym_lanes_gt)
        case .ge: return .comparison(">=", { x, y, _ in x >= y ? 1 : 0 }, gym_lanes_ge)
        case .eq: return .comparison("==", { x, y, _ in x == y ? 1 : 0 }, gym_lanes_eq, operands: nil)
        case .ne: return .comparison("!=", { x, y, _ in x != y ? 1 : 0 }, gym_lanes_ne, operands: nil)
        case .sin: return .function("sin", { x, _, _ in gym_sin(x) }, lanes: .unary(gym_lanes_sin))
        case .cos: return .function("cos", { x, _, _ in gym_cos(x) }, lanes: .unary(gym_lanes_cos))
        case .tan: return .function("tan", { x, _, _ in Glibc.tan(x) })
        case .asin: return .function("asin", { x, _, _ in Glibc.asin(x) })
        case .acos: return .function("acos", { x, _, _ in Glibc.acos(x) })
        case .atan: return .function("atan", { x, _, _ in Glibc.atan(x) })
        case .exp: return .function("exp", { x, _, _ in Glibc.exp(x) })
        case .log: return .function("log", { x, _, _ in Glibc.log(x) })
        case .sqrt: return .function("sqrt", { x, _, _ in x.squareRoot() })
        case .abs: return .function("abs", { x, _, _ in Swift.abs(x) }, lanes: .unary(gym_lanes_abs))
        case .floor: return .function("floor", { x, _, _ in x.rounded(.down) })
        case .ceil: return .function("ceil", { x, _, _ in x.rounded(.up) })
        case .tanh: return .function("tanh", { x, _, _ in Glibc.tanh(x) })
        case .sign: return .function("sign", { x, _, _ in x > 0 ? 1 : (x < 0 ? -1 : 0) })
        // Gymnasium's angle_normalize: ((x + pi) mod 2 pi) - pi, with the sign of the divisor.
        case .wrapAngle: return .function("wrap_angle", { x, _, _ in flooredModulo(x + Double.pi, 2 * Double.pi) - Double.pi })
        case .atan2: return .function("atan2", arity: 2, { x, y, _ in Glibc.atan2(x, y) })
        case .min: return .function("min", arity: 2, { x, y, _ in y < x ? y : x }, lanes: .binary(gym_lanes_min))
        case .max: return .function("max", arity: 2, { x, y, _ in y > x ? y : x }, lanes: .binary(gym_lanes_max))
        case .clip: return .function("clip", arity: 3, { x, low, high in
            let m = low >= x ? low : x  // spelled out, as the lane kernel spells it
            return high < m ? high : m
        }, lanes: .ternary(gym_lanes_clip))
        case .normal: return .init(.function("normal"), arity: 2, .draw { OpcodeDefinition.generator($0).pointee.normal($1, $2) })
        case .uniform: return .init(.function("uniform"), arity: 2, .draw { OpcodeDefinition.generator($0).pointee.uniform($1, $2) })
        case .bernoulli: return .init(.function("bernoulli"), arity: 1, .draw { rng, p, _ in OpcodeDefinition.generator(rng).pointee.bernoulli(p) ? 1 : 0 })
        case .select: return .init(arity: 3, .pure({ x, y, z in x != 0 ? y : z }, lanes: .ternary(gym_lanes_select)))
        case .addMul: return .init(arity: 3, .pure({ x, y, z in x + (y * z) }, lanes: .ternary(gym_lanes_add_mul)))
        case .subMul: return .init(arity: 3, .pure({ x, y, z in x - (y * z) }, lanes: .ternary(gym_lanes_sub_mul)))
        case .mulDiv: return .init(arity: 3, .pure({ x, y, z in (y * z) / x }, lanes: .ternary(gym_lanes_mul_div)))
        case .mulMul: return .init(arity: 3, .pure({ x, y, z in (y * z) * x }, lanes: .ternary(gym_lanes_mul_mul)))
        case .orLt: return .init(arity: 3, .pure({ x, y, z in x != 0 || y < z ? 1 : 0 }, lanes: .ternary(gym_lanes_or_lt)))
        case .orGt: return .init(arity: 3, .pure({ x, y, z in x != 0 || y > z ? 1 : 0 }, lanes: .ternary(gym_lanes_or_gt)))
        case .orLe: return .init(arity: 3, .pure({ x, y, z in x != 0 || y <= z ? 1 : 0 }, lanes: .ternary(gym_lanes_or_le)))
        case .orGe: return .init(arity: 3, .pure({ x, y, z in x != 0 || y >= z ? 1 : 0 }, lanes: .ternary(gym_lanes_or_ge)))
        case .sinCos: return .init(arity: 1, .pair(OpcodeDefinition.sincos, lanes: gym_lanes_sincos, swapped: false))
        case .cosSin: return .init(arity: 1, .pair(OpcodeDefinition.sincos, lanes: gym_lanes_sincos, swapped: true))
        case .jumpIfFalse: return .init(arity: 0, .jump(conditional: true))
        case .jump: return .init(arity: 0, .jump(conditional: false))
        }
    }
}

/// `x mod y` with the sign of `y` (Python's `%`, so `wrap_angle` matches Gymnasium's `angle_normalize`).
@inline(__always)
func flooredModulo(_ x: Double, _ y: Double) -> Double {
    let r = Glibc.fmod(x, y)
    return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
}
