import CGymMath
import GymExpressions
import GymRandom
import XCTest

final class ExpressionTests: XCTestCase {
    /// Compiles `text` with the given names bound to registers holding `values`, runs it, returns the result.
    func value(_ text: String, _ values: [String: Double] = [:], constants: [String: Double] = [:], seed: UInt64 = 0) throws -> Double {
        let names = values.keys.sorted()
        let compiler = ExpressionCompiler(fixedRegisters: names.count + 1)
        var scope = Scope()
        scope.constants = constants
        for (i, name) in names.enumerated() { scope.registers[name] = (Int32(i + 1), .number) }
        try compiler.compile(text, into: 0, expecting: nil, scope: scope)
        var registers = compiler.initialRegisters
        for (i, name) in names.enumerated() { registers[i + 1] = values[name]! }
        var rng = RandomSource(seed: seed)
        let program = compiler.takeProgram()
        registers.withUnsafeMutableBufferPointer { program.run($0.baseAddress!, &rng) }
        return registers[0]
    }

    func error(_ text: String, _ values: [String: Double] = [:]) -> String {
        do {
            _ = try value(text, values)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testPrecedenceAndAssociativity() throws {
        XCTAssertEqual(try value("1 + 2 * 3"), 7)
        XCTAssertEqual(try value("(1 + 2) * 3"), 9)
        XCTAssertEqual(try value("2 ^ 3 ^ 2"), 512, "^ is right-associative")
        XCTAssertEqual(try value("-2 ^ 2"), -4, "unary minus binds looser than ^")
        XCTAssertEqual(try value("2 ^ -1"), 0.5)
        XCTAssertEqual(try value("10 - 4 - 3"), 3, "- is left-associative")
        XCTAssertEqual(try value("8 / 4 / 2"), 1)
        XCTAssertEqual(try value("1 < 2 && 3 > 4 || 5 == 5 ? 1 : 0"), 1)
        XCTAssertEqual(try value("true ? false ? 1 : 2 : 3"), 2, "?: is right-associative")
        XCTAssertEqual(try value("!(1 > 2) ? 7 : 8"), 7)
        XCTAssertEqual(try value("1e-3 * 2E2"), 0.2)
    }

    func testFunctionsAgainstHandComputedValues() throws {
        XCTAssertEqual(try value("sin(x) ^ 2 + cos(x) ^ 2", ["x": 0.7]), 1, accuracy: 1e-15)
        XCTAssertEqual(try value("atan2(1, -1)"), 3 * Double.pi / 4)
        XCTAssertEqual(try value("clip(x, -1, 1)", ["x": 3]), 1)
        XCTAssertEqual(try value("min(3, x) + max(3, x)", ["x": 5]), 8)
        XCTAssertEqual(try value("sign(-0.1) + sign(0) + abs(-2)"), 1)
        XCTAssertEqual(try value("floor(-1.5) + ceil(1.2)"), 0)
        XCTAssertEqual(try value("-7 % 3"), 2, "% has the sign of the divisor, as Python's")
        XCTAssertEqual(try value("wrap_angle(x)", ["x": 3 * Double.pi / 2]), -Double.pi / 2, accuracy: 1e-15)
        XCTAssertEqual(try value("sqrt(16) + exp(0) + log(e) + tanh(0) + pow(2, 10)"), 1030)
        XCTAssertEqual(try value("asin(1) + acos(1) + atan(0) + tan(0)"), Double.pi / 2)
    }

    func testParametersAreFoldedAndStatesAreRead() throws {
        XCTAssertEqual(try value("g * x", ["x": 2], constants: ["g": 9.8]), 19.6)
        let compiler = ExpressionCompiler(fixedRegisters: 2)
        var scope = Scope()
        scope.constants = ["a": 2, "b": 3]
        try compiler.compile("a * b + sin(a)", into: 0, expecting: .number, scope: scope)
        XCTAssertEqual(compiler.takeProgram().instructions.count, 0, "a constant expression costs nothing per step")
        XCTAssertEqual(compiler.initialRegisters[0], 6 + sin(2.0), "it is preloaded into its destination")
        scope.registers["x"] = (1, .number)
        try compiler.compile("x + a * x", into: 0, expecting: .number, scope: scope)
        XCTAssertEqual(compiler.takeProgram().instructions.map(\.op), [.addMul], "a product feeding a sum is one fused instruction")
        try compiler.compile("a + sin(x) * x ^ 2", into: 0, expecting: .number, scope: scope)
        XCTAssertEqual(compiler.takeProgram().instructions.map(\.op), [.sin, .mulMul, .add], "a square is a product, and fuses like one")
        try compiler.compile("x < -a || x > a || x <= -b || x >= b", into: 0, expecting: .boolean, scope: scope)
        XCTAssertEqual(compiler.takeProgram().instructions.map(\.op), [.lt, .orGt, .orLe, .orGe], "a chain of bounds checks fuses")
        for x in [-4.0, -3, -2, 0, 2, 3, 4, .nan] {
            XCTAssertEqual(try value("x < -2 || x > 2 || x <= -3 || x >= 3", ["x": x]), x < -2 || x > 2 ? 1 : 0, "x = \(x)")
            XCTAssertEqual(try value("x <= -2 || x >= 2", ["x": x]), x <= -2 || x >= 2 ? 1 : 0, "x = \(x)")
        }
        try compiler.compile("sin(x) * cos(x) + cos(a * x) - sin(a * x)", into: 0, expecting: .number, scope: scope)
        XCTAssertEqual(compiler.takeProgram().instructions.map(\.op), [.cosSin, .mul, .mul, .cos, .add, .mul, .sin, .sub],
                       "sin and cos of one register in a row are one sincos call")
        var rng = RandomSource(seed: 4)
        for _ in 0..<20_000 {
            let x = rng.uniform(-1e3, 1e3) * (rng.nextDouble() < 0.5 ? 1 : 1e-3)
            XCTAssertEqual(try value("sin(x) * 2 - cos(x)", ["x": x]), gym_sin(x) * 2 - gym_cos(x), "sincos is sin and cos, bit for bit (x = \(x))")
        }
        for x in [0.1, 1.7, -3.3e5, 1e-160] {
            XCTAssertEqual(try value("x ^ 2 * 3", ["x": x]), Foundation.pow(x, 2) * 3, "x ^ 2 rounds exactly as pow(x, 2)")
        }
    }

    func testConditionalEvaluatesOnlyTheChosenBranch() throws {
        // The untaken branch's draw must not advance the generator.
        let withBranch = try value("x > 0 ? 1 : normal(0, 1)", ["x": 1], seed: 5)
        XCTAssertEqual(withBranch, 1)
        let a = try value("(x > 0 ? 0 : uniform(0, 1)) + uniform(0, 1)", ["x": 1], seed: 5)
        XCTAssertEqual(a, try value("uniform(0, 1)", seed: 5))
    }

    func testRandomDrawsComeFromTheSeededGeneratorInOrder() throws {
        var rng = RandomSource(seed: 9)
        let expected = rng.uniform(2, 3) - 10 * rng.normal(0, 1)
        XCTAssertEqual(try value("uniform(2, 3) - 10 * normal(0, 1)", seed: 9), expected)
        XCTAssertEqual(try value("bernoulli(1)"), 1)
        XCTAssertEqual(try value("bernoulli(0)"), 0)
    }

    func testErrorsCarryTheColumn() {
        XCTAssertEqual(error("x_dot + tau * xacc", ["x_dot": 0, "tau": 0, "xac": 0]), "col 15: unknown name 'xacc'; did you mean 'xac'?")
        XCTAssertEqual(error("1 + * 2"), "col 5: expected a number, a name or '(', found '*'")
        XCTAssertEqual(error("sin(1, 2)"), "col 1: sin takes 1 argument, got 2")
        XCTAssertEqual(error("sine(1)"), "col 1: unknown function 'sine'; did you mean 'sin'?")
        XCTAssertEqual(error("(1 + 2"), "col 7: expected ')', found end of expression")
        XCTAssertEqual(error("1 + 2)"), "col 6: unexpected ')' after a complete expression")
        XCTAssertEqual(error("1 # 2"), "col 3: unexpected character '#'")
        XCTAssertEqual(error("x ? 1 : 2", ["x": 1]), "col 1: the condition of '?:' must be a boolean, got a number")
        XCTAssertEqual(error("1 + (2 > 1)"), "col 3: '+' needs numbers, got a boolean on its right")
        XCTAssertEqual(error("1 < 2 ? 1 : true"), "col 1: the branches of '?:' have different types")
        XCTAssertEqual(error("!3"), "col 1: '!' needs a boolean, got a number")
        XCTAssertEqual(error("1 && true"), "col 3: '&&' needs booleans, got a number on its left")
    }
}
