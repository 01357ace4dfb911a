import GymExpressions
import GymRandom
import XCTest

/// Every opcode computes one thing: the scalar interpreter, the batch interpreter (its lane kernels, or the
/// scalar function lane by lane) and the constant folder agree bit for bit.
final class OpcodeTableTests: XCTestCase {
    /// Expressions over `x`, `y` and `z` that reach every opcode but the jumps, which `?:` on draws reaches.
    static let expressions = [
        "x", "x + y", "x - y", "x * y", "x / y", "x % y", "x ^ y", "x ^ 2", "-x", "!(x < y)",
        "x < y", "x <= y", "x > y", "x >= y", "x == y", "x != y", "(x < y) == (y < z)",
        "sin(x)", "cos(x)", "tan(x)", "asin(x)", "acos(x)", "atan(x)", "exp(x)", "log(x)", "sqrt(x)", "abs(x)",
        "floor(x)", "ceil(x)", "tanh(x)", "sign(x)", "wrap_angle(x)", "atan2(x, y)", "min(x, y)", "max(x, y)",
        "clip(x, y, z)", "x < y ? z : x", "x + y * z", "x - y * z", "y * z / x", "y * z * x",
        "x < 0 || y < z", "x < 0 || y > z", "x < 0 || y <= z", "x < 0 || y >= z",
        "sin(x) * cos(x)", "cos(x) - sin(x)", "normal(x, abs(y))", "uniform(x, y)", "bernoulli(abs(x))",
        "x > 0 ? normal(0, 1) : y",
    ]

    /// Inputs of every sign and class, with NaN, infinities and signed zeros.
    static func inputs(_ count: Int, seed: UInt64) -> [Double] {
        let special: [Double] = [0, -0.0, 1, -1, 2, .nan, .infinity, -.infinity, 1e-300, 3e5, .pi, -2.5]
        var rng = RandomSource(seed: seed)
        return (0..<count).map { $0 < special.count ? special[$0] : rng.uniform(-4, 4) * (rng.bernoulli(0.2) ? 1e3 : 1) }
    }

    func compile(_ text: String) throws -> ExpressionCompiler {
        let compiler = ExpressionCompiler(fixedRegisters: 4)
        var scope = Scope()
        for (i, name) in ["x", "y", "z"].enumerated() { scope.registers[name] = (Int32(i + 1), .number) }
        try compiler.compile(text, into: 0, expecting: nil, scope: scope, preload: false)
        return compiler
    }

    func testTheBatchComputesWhatEachLaneComputesAlone() throws {
        let lanes = 67
        let x = Self.inputs(lanes, seed: 1), y = Self.inputs(lanes, seed: 2).reversed(), z = Self.inputs(lanes, seed: 3).shuffled()
        let operands = [x, Array(y), z]
        for text in Self.expressions {
            let compiler = try compile(text)
            let program = compiler.takeProgram()
            let code = ProgramCode(program)
            let batch = BatchRegisters(lanes: lanes, initial: compiler.initialRegisters)
            defer { code.deallocate(); batch.deallocate() }
            for (k, values) in operands.enumerated() { for i in 0..<lanes { batch.row(k + 1)[i] = values[i] } }
            var rngs = (0..<lanes).map { RandomSource(seed: UInt64($0)) }
            rngs.withUnsafeMutableBufferPointer { code.run(batch, $0.baseAddress!, skip: nil) }
            for i in 0..<lanes {
                var registers = compiler.initialRegisters
                for k in 0..<3 { registers[k + 1] = operands[k][i] }
                var rng = RandomSource(seed: UInt64(i))
                registers.withUnsafeMutableBufferPointer { program.run($0.baseAddress!, &rng) }
                XCTAssertEqual(batch.row(0)[i].bitPattern, registers[0].bitPattern,
                               "\(text) at x = \(x[i]), y = \(y[y.index(y.startIndex, offsetBy: i)]), z = \(z[i])")
            }
        }
    }

    func testFoldingComputesWhatTheInterpreterComputes() throws {
        for text in Self.expressions where !text.contains("normal") && !text.contains("uniform") && !text.contains("bernoulli") {
            for (x, y, z) in zip(zip(Self.inputs(40, seed: 4), Self.inputs(40, seed: 5)), Self.inputs(40, seed: 6)).map({ ($0.0, $0.1, $1) }) {
                var scope = Scope()
                scope.constants = ["x": x, "y": y, "z": z]
                let folded = ExpressionCompiler(fixedRegisters: 0)
                let type = try folded.compile(text, into: folded.newRegister(), expecting: nil, scope: scope)
                let value = folded.constantValue(text, scope: scope, ofType: type)
                let compiler = try compile(text)
                var registers = compiler.initialRegisters
                registers[1] = x; registers[2] = y; registers[3] = z
                var rng = RandomSource(seed: 0)
                registers.withUnsafeMutableBufferPointer { compiler.takeProgram().run($0.baseAddress!, &rng) }
                XCTAssertEqual(value?.bitPattern, registers[0].bitPattern, "\(text) at x = \(x), y = \(y), z = \(z)")
            }
        }
    }
}
