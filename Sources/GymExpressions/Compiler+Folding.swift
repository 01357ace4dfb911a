/// Folding constant operations, fusing instruction pairs, and compiling conditionals.
extension ExpressionCompiler {
    /// Folds the operation when every operand is constant, else emits it into a fresh register.
    func apply(_ op: Opcode, _ operands: [Operand]) -> Operand {
        let constants = operands.compactMap { operand -> Double? in
            if case .constant(let x) = operand { return x } else { return nil }
        }
        if constants.count == operands.count, let scalar = op.declared.scalar {
            return .constant(scalar(constants[0], constants.count > 1 ? constants[1] : 0, constants.count > 2 ? constants[2] : 0))
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
            // x ^ 2 is evaluated as x * x (see `Opcode.definition`): one multiplication, which may fuse further.
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
    func conditional(_ condition: Operand, _ whenTrue: Expression, _ whenFalse: Expression, _ scope: Scope,
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
            guard trueType == falseType else { throw differentBranches(trueType, falseType, column: column) }
            return (apply(.select, [condition, trueValue, falseValue]), trueType)
        }
        return try branch(condition, whenTrue, whenFalse, scope, column: column)
    }

    /// `condition ? whenTrue : whenFalse` with jumps, for branches that draw random numbers.
    private func branch(_ condition: Operand, _ whenTrue: Expression, _ whenFalse: Expression, _ scope: Scope,
                        column: Int) throws -> (Operand, ValueType) {
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
        guard trueType == falseType else { throw differentBranches(trueType, falseType, column: column) }
        return (.register(dst), trueType)
    }

    private func differentBranches(_ a: ValueType, _ b: ValueType, column: Int) -> ExpressionError {
        ExpressionError(column: column, message: "the branches of '?:' have different types (\(a.noun) and \(b.noun))")
    }
}
