import Gym

/// The type of an expression: a number or a boolean (booleans are stored as 0 and 1).
public enum ValueType: Equatable, Sendable {
    case number
    case boolean

    var noun: String { self == .number ? "a number" : "a boolean" }
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

/// Compiles expressions of one MDP file into one `Program` over a shared register file.
///
/// Constant subexpressions (numbers, parameters, and deterministic operations on them) are folded at
/// compile time with the same arithmetic as the interpreter, and evaluation order is preserved, so
/// results are bit-identical to evaluating the expression as written.
public final class ExpressionCompiler {
    public private(set) var program = Program()
    /// Initial register values: fixed slots (zero) followed by constants.
    public private(set) var initialRegisters: [Double]
    /// Whether any compiled expression draws random numbers.
    public private(set) var usesRandomness = false
    private var constantRegisters: [UInt64: Int32] = [:]
    /// Temporaries written by exactly one instruction, whose destination can be retargeted.
    private var singleWriteTemporaries: Set<Int32> = []

    static let functions: [String: (op: Opcode, arity: Int)] = [
        "sin": (.sin, 1), "cos": (.cos, 1), "tan": (.tan, 1), "asin": (.asin, 1), "acos": (.acos, 1), "atan": (.atan, 1),
        "exp": (.exp, 1), "log": (.log, 1), "sqrt": (.sqrt, 1), "abs": (.abs, 1), "floor": (.floor, 1), "ceil": (.ceil, 1),
        "tanh": (.tanh, 1), "sign": (.sign, 1), "wrap_angle": (.wrapAngle, 1),
        "atan2": (.atan2, 2), "min": (.min, 2), "max": (.max, 2), "pow": (.pow, 2), "clip": (.clip, 3),
        "normal": (.normal, 2), "uniform": (.uniform, 2), "bernoulli": (.bernoulli, 1),
    ]
    static let randomFunctions: Set<String> = ["normal", "uniform", "bernoulli"]
    static let binaryOperators: [String: Opcode] = [
        "+": .add, "-": .sub, "*": .mul, "/": .div, "%": .mod, "^": .pow,
        "<": .lt, "<=": .le, ">": .gt, ">=": .ge, "==": .eq, "!=": .ne,
    ]
    /// Names that cannot be used for state variables, parameters or let bindings.
    public static var reservedNames: Set<String> { Set(functions.keys).union(["action", "t", "true", "false", "pi", "e", "inf"]) }

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

    private func register(_ operand: Operand) -> Int32 {
        switch operand {
        case .constant(let x): return constantRegister(x)
        case .register(let r): return r
        }
    }

    private func emit(_ op: Opcode, dst: Int32, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0) {
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

    /// The value of `text` when it is constant (numbers, parameters and deterministic functions of them).
    public func constantValue(_ text: String, scope: Scope, ofType type: ValueType) -> Double? {
        guard let tree = try? Parser.parse(text), !tree.drawsRandomNumbers else { return nil }
        let saved = program.instructions  // restored whole: a fusion may rewrite the instruction before this point
        defer { program.instructions = saved }
        guard let (operand, actual) = try? compile(tree, scope), actual == type, case .constant(let x) = operand else { return nil }
        return x
    }

    /// Evaluates a constant expression at compile time (used for bounds and initial values).
    public func constantValue(_ text: String, scope: Scope) throws -> Double? {
        let tree = try Parser.parse(text)
        let saved = program.instructions  // restored whole: a fusion may rewrite the instruction before this point
        let (operand, type) = try compile(tree, scope)
        program.instructions = saved
        guard type == .number else { throw ExpressionError(column: 1, message: "expected a number, got a boolean") }
        if case .constant(let x) = operand { return x }
        return nil
    }

    private func compile(_ node: Expression, _ scope: Scope) throws -> (Operand, ValueType) {
        switch node {
        case .number(let x, _):
            return (.constant(x), .number)

        case .name(let name, let column):
            if let x = scope.constants[name] { return (.constant(x), .number) }
            if let bound = scope.registers[name] { return (.register(bound.register), bound.type) }
            switch name {
            case "pi": return (.constant(Double.pi), .number)
            case "e": return (.constant(2.718281828459045), .number)
            case "inf": return (.constant(.infinity), .number)
            case "true": return (.constant(1), .boolean)
            case "false": return (.constant(0), .boolean)
            default: break
            }
            if let reason = scope.unavailable[name] { throw ExpressionError(column: column, message: "'\(name)' \(reason)") }
            if name == "action" && !scope.actionComponents.isEmpty {
                throw ExpressionError(column: column, message: "continuous actions are used as action[i] or by component name")
            }
            if ExpressionCompiler.functions[name] != nil {
                throw ExpressionError(column: column, message: "'\(name)' is a function; call it as \(name)(...)")
            }
            let known = Array(scope.constants.keys) + Array(scope.registers.keys)
            let close = closest(name, among: known)
            throw ExpressionError(column: column, message: "unknown name '\(name)'" + (close.isEmpty ? "" : "; did you mean '\(close[0])'?"))

        case .index(let name, let indexNode, let column):
            guard name == "action", !scope.actionComponents.isEmpty else {
                throw ExpressionError(column: column, message: "only a continuous action can be indexed, as action[i]")
            }
            let (index, type) = try compile(indexNode, scope)
            guard type == .number, case .constant(let i) = index, i == i.rounded(), i >= 0, Int(i) < scope.actionComponents.count else {
                throw ExpressionError(column: indexNode.column,
                                      message: "action index must be a constant integer 0...\(scope.actionComponents.count - 1)")
            }
            return (.register(scope.actionComponents[Int(i)]), .number)

        case .unary(let op, let operandNode, let column):
            let (operand, type) = try compile(operandNode, scope)
            let expected: ValueType = op == "!" ? .boolean : .number
            guard type == expected else {
                throw ExpressionError(column: column, message: "'\(op)' needs \(expected.noun), got \(type.noun)")
            }
            return (apply(op == "!" ? .not : .neg, [operand]), type)

        case .binary(let op, let leftNode, let rightNode, let column):
            if op == "&&" || op == "||" {
                // a && b is a ? b : false; a || b is a ? true : b (short-circuit).
                let whenTrue: Expression = op == "&&" ? rightNode : .name("true", column: column)
                let whenFalse: Expression = op == "&&" ? .name("false", column: column) : rightNode
                let (condition, conditionType) = try compile(leftNode, scope)
                guard conditionType == .boolean else {
                    throw ExpressionError(column: column, message: "'\(op)' needs booleans, got \(conditionType.noun) on its left")
                }
                let (result, type) = try conditional(condition, whenTrue, whenFalse, scope, column: column)
                guard type == .boolean else {
                    throw ExpressionError(column: column, message: "'\(op)' needs booleans, got \(type.noun) on its right")
                }
                return (result, .boolean)
            }
            let (left, leftType) = try compile(leftNode, scope)
            let (right, rightType) = try compile(rightNode, scope)
            let opcode = ExpressionCompiler.binaryOperators[op]!
            let comparison = ["<", "<=", ">", ">=", "==", "!="].contains(op)
            if op == "==" || op == "!=" {
                guard leftType == rightType else {
                    throw ExpressionError(column: column, message: "'\(op)' compares \(leftType.noun) with \(rightType.noun)")
                }
            } else {
                guard leftType == .number else { throw ExpressionError(column: column, message: "'\(op)' needs numbers, got \(leftType.noun) on its left") }
                guard rightType == .number else { throw ExpressionError(column: column, message: "'\(op)' needs numbers, got \(rightType.noun) on its right") }
            }
            return (apply(opcode, [left, right]), comparison ? .boolean : .number)

        case .conditional(let conditionNode, let whenTrue, let whenFalse, let column):
            let (condition, type) = try compile(conditionNode, scope)
            guard type == .boolean else {
                throw ExpressionError(column: conditionNode.column, message: "the condition of '?:' must be a boolean, got \(type.noun)")
            }
            return try conditional(condition, whenTrue, whenFalse, scope, column: column)

        case .call(let name, let argumentNodes, let column):
            guard let function = ExpressionCompiler.functions[name] else {
                let close = closest(name, among: Array(ExpressionCompiler.functions.keys))
                throw ExpressionError(column: column, message: "unknown function '\(name)'" + (close.isEmpty ? "" : "; did you mean '\(close[0])'?"))
            }
            guard argumentNodes.count == function.arity else {
                throw ExpressionError(column: column, message: "\(name) takes \(function.arity) argument\(function.arity == 1 ? "" : "s"), got \(argumentNodes.count)")
            }
            var arguments: [Operand] = []
            for node in argumentNodes {
                let (operand, type) = try compile(node, scope)
                guard type == .number else { throw ExpressionError(column: node.column, message: "\(name) needs numbers, got \(type.noun)") }
                arguments.append(operand)
            }
            if ExpressionCompiler.randomFunctions.contains(name) {
                guard scope.allowsRandom else { throw ExpressionError(column: column, message: "\(name) draws a random number, which is not allowed here") }
                usesRandomness = true
                let dst = newRegister()
                emit(function.op, dst: dst, register(arguments[0]), arguments.count > 1 ? register(arguments[1]) : 0)
                return (.register(dst), .number)
            }
            return (apply(function.op, arguments), .number)
        }
    }

    /// Names within two edits of `name`, nearest first.
    private func closest(_ name: String, among names: [String]) -> [String] {
        names.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 2 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }

    /// Folds the operation when every operand is constant, else emits it into a fresh register.
    private func apply(_ op: Opcode, _ operands: [Operand]) -> Operand {
        let constants = operands.compactMap { operand -> Double? in
            if case .constant(let x) = operand { return x } else { return nil }
        }
        if constants.count == operands.count {
            return .constant(evaluate(op, constants[0], constants.count > 1 ? constants[1] : 0, constants.count > 2 ? constants[2] : 0))
        }
        if op == .select, case .constant(1) = operands[1], case .register(let comparison) = operands[2],
           let fused = fuseOr(condition: register(operands[0]), comparison: comparison) {
            return .register(fused)
        }
        if op == .sin || op == .cos, let last = program.instructions.last, last.a == register(operands[0]),
           last.op == (op == .sin ? .cos : .sin) {
            // sin and cos of one register in a row: one call computes both (the earlier result stays where it was).
            let dst = newRegister()
            program.instructions[program.instructions.count - 1] = Instruction(op: op == .sin ? .sinCos : .cosSin, dst: dst, a: last.a, b: 0, c: last.dst)
            singleWriteTemporaries.insert(dst)
            return .register(dst)
        }
        if op == .pow, case .constant(2) = operands[1] {
            // x ^ 2 is evaluated as x * x (see `evaluate`): one multiplication, which may fuse further.
            return apply(.mul, [operands[0], operands[0]])
        }
        let registers = operands.map(register)
        if let fused = fuse(op, registers) { return .register(fused) }
        let dst = newRegister()
        emit(op, dst: dst, registers[0], registers.count > 1 ? registers[1] : 0, registers.count > 2 ? registers[2] : 0)
        singleWriteTemporaries.insert(dst)
        return .register(dst)
    }

    /// Replaces the previous instruction, a product `t = b * c` used only here, and `op` on it with one
    /// fused instruction: `a + t`/`t + a` (addMul), `a - t` (subMul), `t / a` (mulDiv), `t * a`/`a * t` (mulMul).
    private func fuse(_ op: Opcode, _ operands: [Int32]) -> Int32? {
        guard operands.count == 2, let last = program.instructions.last, last.op == .mul,
              singleWriteTemporaries.contains(last.dst) else { return nil }
        let t = last.dst
        let fusedOp: Opcode, other: Int32
        switch (op, operands[0] == t, operands[1] == t) {
        case (.add, false, true): fusedOp = .addMul; other = operands[0]
        case (.add, true, false): fusedOp = .addMul; other = operands[1]
        case (.sub, false, true): fusedOp = .subMul; other = operands[0]
        case (.div, true, false): fusedOp = .mulDiv; other = operands[1]
        case (.mul, true, false): fusedOp = .mulMul; other = operands[1]
        case (.mul, false, true): fusedOp = .mulMul; other = operands[0]  // a * t == t * a exactly
        default: return nil
        }
        program.instructions[program.instructions.count - 1] = Instruction(op: fusedOp, dst: t, a: other, b: last.a, c: last.b)
        return t
    }

    /// Replaces the previous instruction, a comparison `t = x < y` (or `>`, `<=`, `>=`) used only here, and
    /// `condition || t` (compiled as `condition ? 1 : t`) with one instruction, as in bounds checks.
    private func fuseOr(condition: Int32, comparison t: Int32) -> Int32? {
        guard let last = program.instructions.last, last.dst == t, singleWriteTemporaries.contains(t) else { return nil }
        let fusedOp: Opcode
        switch last.op {
        case .lt: fusedOp = .orLt
        case .gt: fusedOp = .orGt
        case .le: fusedOp = .orLe
        case .ge: fusedOp = .orGe
        default: return nil
        }
        program.instructions[program.instructions.count - 1] = Instruction(op: fusedOp, dst: t, a: condition, b: last.a, c: last.b)
        return t
    }

    /// `condition ? whenTrue : whenFalse`, evaluating only the chosen branch.
    private func conditional(_ condition: Operand, _ whenTrue: Expression, _ whenFalse: Expression, _ scope: Scope,
                             column: Int) throws -> (Operand, ValueType) {
        if case .constant(let c) = condition {
            let (chosen, type) = try compile(c != 0 ? whenTrue : whenFalse, scope)
            // Type-check the other branch without keeping its code.
            let saved = program.instructions  // restored whole: a fusion may rewrite the instruction before this point
            let (_, otherType) = try compile(c != 0 ? whenFalse : whenTrue, scope)
            program.instructions = saved
            guard otherType == type else { throw ExpressionError(column: column, message: "the branches of '?:' have different types") }
            return (chosen, type)
        }
        if !whenTrue.drawsRandomNumbers && !whenFalse.drawsRandomNumbers {
            // Both sides are free of side effects: compute both and select, without branching.
            let (trueValue, trueType) = try compile(whenTrue, scope)
            let (falseValue, falseType) = try compile(whenFalse, scope)
            guard trueType == falseType else {
                throw ExpressionError(column: column, message: "the branches of '?:' have different types (\(trueType.noun) and \(falseType.noun))")
            }
            return (apply(.select, [condition, trueValue, falseValue]), trueType)
        }
        let dst = newRegister()
        let jumpToElse = program.instructions.count
        emit(.jumpIfFalse, dst: 0, 0, register(condition))
        let (trueValue, trueType) = try compile(whenTrue, scope)
        emit(.move, dst: dst, register(trueValue))
        let jumpToEnd = program.instructions.count
        emit(.jump, dst: 0)
        program.instructions[jumpToElse].a = Int32(program.instructions.count)
        let (falseValue, falseType) = try compile(whenFalse, scope)
        emit(.move, dst: dst, register(falseValue))
        program.instructions[jumpToEnd].a = Int32(program.instructions.count)
        guard trueType == falseType else {
            throw ExpressionError(column: column, message: "the branches of '?:' have different types (\(trueType.noun) and \(falseType.noun))")
        }
        return (.register(dst), trueType)
    }

    /// Appends an instruction that copies register `source` into `destination`.
    public func emitMove(from source: Int32, to destination: Int32) { emit(.move, dst: destination, source) }

    /// Starts a new program (the compiled code so far is returned); registers and constants are kept.
    public func takeProgram() -> Program {
        defer { program = Program() }
        return program
    }
}
