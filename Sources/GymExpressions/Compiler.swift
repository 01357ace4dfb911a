/// Compiles expressions of one MDP file into one `Program` over a shared register file.
///
/// Constant subexpressions (numbers, parameters, and deterministic operations on them) are folded at
/// compile time with the same arithmetic as the interpreter, and evaluation order is preserved, so
/// results are bit-identical to evaluating the expression as written.
///
/// ```swift
/// let compiler = ExpressionCompiler(fixedRegisters: 2)
/// var scope = Scope()
/// scope.registers["x"] = (register: 1, type: .number)
/// try compiler.compile("2 * x + 1", into: 0, expecting: .number, scope: scope)
/// var registers = compiler.initialRegisters
/// registers[1] = 3
/// var rng = RandomSource(seed: 0)
/// registers.withUnsafeMutableBufferPointer { compiler.takeProgram().run($0.baseAddress!, &rng) }
/// // registers[0] == 7
/// ```
public final class ExpressionCompiler {
    public internal(set) var program = Program()
    /// Initial register values: fixed slots (zero) followed by constants.
    public internal(set) var initialRegisters: [Double]
    /// Whether any compiled expression draws random numbers.
    public internal(set) var usesRandomness = false
    private var constantRegisters: [UInt64: Int32] = [:]
    /// Temporaries written by exactly one instruction, whose destination can be retargeted.
    var singleWriteTemporaries: Set<Int32> = []

    /// Names that cannot be used for state variables, parameters or let bindings: the functions and the
    /// built-in names.
    public static var reservedNames: Set<String> {
        Set(OpcodeTable.functions.keys).union(["action", "t", "true", "false", "pi", "e", "inf"])
    }

    /// - Parameter fixedRegisters: the number of registers reserved for state, actions, lets and outputs.
    public init(fixedRegisters: Int) {
        initialRegisters = Array(repeating: 0, count: fixedRegisters)
    }

    /// A fresh register initialised to 0.
    public func newRegister() -> Int32 {
        initialRegisters.append(0)
        return Int32(initialRegisters.count - 1)
    }

    private func constantRegister(_ x: Double) -> Int32 {
        if let r = constantRegisters[x.bitPattern] { return r }
        initialRegisters.append(x)
        let r = Int32(initialRegisters.count - 1)
        constantRegisters[x.bitPattern] = r
        return r
    }

    /// A compiled operand: a folded constant, or a register.
    enum Operand {
        case constant(Double)
        case register(Int32)
    }

    func register(_ operand: Operand) -> Int32 {
        switch operand {
        case .constant(let x): return constantRegister(x)
        case .register(let r): return r
        }
    }

    func emit(_ op: Opcode, dst: Int32, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0) {
        program.instructions.append(Instruction(op: op, dst: dst, a: a, b: b, c: c))
    }

    /// Compiles an expression into the program under construction and returns its type.
    /// - Parameters:
    ///   - text: the expression's source.
    ///   - destination: the register its value is stored in.
    ///   - expected: the type it must have; any type when nil.
    ///   - scope: the names it may use.
    ///   - preload: whether a constant result may be stored in the initial registers instead of being
    ///     written by an instruction; only safe when nothing else ever writes `destination`.
    /// - Throws: `ExpressionError` with the column of the problem.
    @discardableResult
    public func compile(_ text: String, into destination: Int32, expecting expected: ValueType?, scope: Scope,
                        preload: Bool = true) throws -> ValueType {
        let tree = try Parser.parse(text)
        let (operand, type) = try compile(tree, scope)
        if let expected, type != expected {
            throw ExpressionError(column: 1, message: "expected \(expected.noun) expression, got \(type.noun)")
        }
        // A constant result is preloaded into the destination when it has no other writer.
        if preload, case .constant(let x) = operand {
            initialRegisters[Int(destination)] = x
            return type
        }
        // Write the last operation's result straight into the destination instead of moving it there.
        if case .register(let r) = operand, singleWriteTemporaries.contains(r), program.instructions.last?.dst == r,
           program.instructions.last?.op != .jump, program.instructions.last?.op != .jumpIfFalse {
            program.instructions[program.instructions.count - 1].dst = destination
            singleWriteTemporaries.remove(r)
        } else {
            emit(.move, dst: destination, register(operand))
        }
        return type
    }

    /// The value of `text` when it is constant (numbers, parameters and deterministic functions of them)
    /// and of type `type`; nil otherwise, and for text that does not compile.
    public func constantValue(_ text: String, scope: Scope, ofType type: ValueType) -> Double? {
        guard let tree = try? Parser.parse(text), !tree.drawsRandomNumbers else { return nil }
        let saved = program.instructions  // restored whole: a fusion may rewrite the instruction before this point
        defer { program.instructions = saved }
        guard let (operand, actual) = try? compile(tree, scope), actual == type, case .constant(let x) = operand else { return nil }
        return x
    }

    /// Evaluates a constant expression at compile time (used for bounds and initial values): its value,
    /// or nil when it is not constant.
    /// - Throws: `ExpressionError` when it does not compile or is a boolean.
    public func constantValue(_ text: String, scope: Scope) throws -> Double? {
        let tree = try Parser.parse(text)
        let saved = program.instructions  // restored whole: a fusion may rewrite the instruction before this point
        let (operand, type) = try compile(tree, scope)
        program.instructions = saved
        guard type == .number else { throw ExpressionError(column: 1, message: "expected a number, got a boolean") }
        if case .constant(let x) = operand { return x }
        return nil
    }

    /// Appends an instruction that copies register `source` into `destination`.
    public func emitMove(from source: Int32, to destination: Int32) { emit(.move, dst: destination, source) }

    /// Starts a new program (the compiled code so far is returned); registers and constants are kept.
    public func takeProgram() -> Program {
        defer { program = Program() }
        return program
    }
}
