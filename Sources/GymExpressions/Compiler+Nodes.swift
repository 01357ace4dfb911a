import GymRandom

/// Compiling each kind of node of the syntax tree to an operand and its type.
extension ExpressionCompiler {
    func compile(_ node: Expression, _ scope: Scope) throws -> (Operand, ValueType) {
        switch node {
        case .number(let x, _):
            return (.constant(x), .number)
        case .name(let name, let column):
            return try compileName(name, column: column, scope)
        case .index(let name, let indexNode, let column):
            return try compileIndex(name, indexNode, column: column, scope)
        case .unary(let op, let operandNode, let column):
            return try compileUnary(op, operandNode, column: column, scope)
        case .binary(let op, let leftNode, let rightNode, let column) where op == "&&" || op == "||":
            return try compileLogical(op, leftNode, rightNode, column: column, scope)
        case .binary(let op, let leftNode, let rightNode, let column):
            return try compileBinary(op, leftNode, rightNode, column: column, scope)
        case .conditional(let conditionNode, let whenTrue, let whenFalse, let column):
            let (condition, type) = try compile(conditionNode, scope)
            guard type == .boolean else {
                throw ExpressionError(column: conditionNode.column, message: "the condition of '?:' must be a boolean, got \(type.noun)")
            }
            return try conditional(condition, whenTrue, whenFalse, scope, column: column)
        case .call(let name, let argumentNodes, let column):
            return try compileCall(name, argumentNodes, column: column, scope)
        }
    }

    /// A parameter, a bound register or a built-in constant.
    private func compileName(_ name: String, column: Int, _ scope: Scope) throws -> (Operand, ValueType) {
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
        if OpcodeTable.functions[name] != nil {
            throw ExpressionError(column: column, message: "'\(name)' is a function; call it as \(name)(...)")
        }
        let close = closest(name, among: Array(scope.constants.keys) + Array(scope.registers.keys))
        throw ExpressionError(column: column, message: "unknown name '\(name)'" + (close.isEmpty ? "" : "; did you mean '\(close[0])'?"))
    }

    /// `action[i]`, with a constant `i`.
    private func compileIndex(_ name: String, _ indexNode: Expression, column: Int, _ scope: Scope) throws -> (Operand, ValueType) {
        guard name == "action", !scope.actionComponents.isEmpty else {
            throw ExpressionError(column: column, message: "only a continuous action can be indexed, as action[i]")
        }
        let (index, type) = try compile(indexNode, scope)
        guard type == .number, case .constant(let i) = index, i == i.rounded(), i >= 0, Int(i) < scope.actionComponents.count else {
            throw ExpressionError(column: indexNode.column,
                                  message: "action index must be a constant integer 0...\(scope.actionComponents.count - 1)")
        }
        return (.register(scope.actionComponents[Int(i)]), .number)
    }

    private func compileUnary(_ symbol: String, _ operandNode: Expression, column: Int, _ scope: Scope) throws -> (Operand, ValueType) {
        let (operand, type) = try compile(operandNode, scope)
        let op = OpcodeTable.prefixOperators[symbol]!
        let definition = op.declared
        guard type == definition.operands else {
            throw ExpressionError(column: column, message: "'\(symbol)' needs \(definition.operands?.noun ?? ""), got \(type.noun)")
        }
        return (apply(op, [operand]), definition.result)
    }

    /// `a && b` is `a ? b : false`; `a || b` is `a ? true : b` (short-circuit).
    private func compileLogical(_ symbol: String, _ leftNode: Expression, _ rightNode: Expression, column: Int,
                                _ scope: Scope) throws -> (Operand, ValueType) {
        let whenTrue: Expression = symbol == "&&" ? rightNode : .name("true", column: column)
        let whenFalse: Expression = symbol == "&&" ? .name("false", column: column) : rightNode
        let (condition, conditionType) = try compile(leftNode, scope)
        guard conditionType == .boolean else {
            throw ExpressionError(column: column, message: "'\(symbol)' needs booleans, got \(conditionType.noun) on its left")
        }
        let (result, type) = try conditional(condition, whenTrue, whenFalse, scope, column: column)
        guard type == .boolean else {
            throw ExpressionError(column: column, message: "'\(symbol)' needs booleans, got \(type.noun) on its right")
        }
        return (result, .boolean)
    }

    private func compileBinary(_ symbol: String, _ leftNode: Expression, _ rightNode: Expression, column: Int,
                               _ scope: Scope) throws -> (Operand, ValueType) {
        let (left, leftType) = try compile(leftNode, scope)
        let (right, rightType) = try compile(rightNode, scope)
        let op = OpcodeTable.infixOperators[symbol]!
        let definition = op.declared
        if let needed = definition.operands {
            guard leftType == needed else {
                throw ExpressionError(column: column, message: "'\(symbol)' needs \(needed.plural), got \(leftType.noun) on its left")
            }
            guard rightType == needed else {
                throw ExpressionError(column: column, message: "'\(symbol)' needs \(needed.plural), got \(rightType.noun) on its right")
            }
        } else if leftType != rightType {
            throw ExpressionError(column: column, message: "'\(symbol)' compares \(leftType.noun) with \(rightType.noun)")
        }
        return (apply(op, [left, right]), definition.result)
    }

    private func compileCall(_ name: String, _ argumentNodes: [Expression], column: Int, _ scope: Scope) throws -> (Operand, ValueType) {
        guard let op = OpcodeTable.functions[name] else {
            let close = closest(name, among: Array(OpcodeTable.functions.keys))
            throw ExpressionError(column: column, message: "unknown function '\(name)'" + (close.isEmpty ? "" : "; did you mean '\(close[0])'?"))
        }
        let definition = op.declared
        guard argumentNodes.count == definition.arity else {
            throw ExpressionError(column: column, message: "\(name) takes \(definition.arity) argument\(definition.arity == 1 ? "" : "s"), got \(argumentNodes.count)")
        }
        let arguments = try argumentNodes.map { node in
            let (operand, type) = try compile(node, scope)
            guard type == .number else { throw ExpressionError(column: node.column, message: "\(name) needs numbers, got \(type.noun)") }
            return operand
        }
        guard definition.draws else { return (apply(op, arguments), definition.result) }
        guard scope.allowsRandom else { throw ExpressionError(column: column, message: "\(name) draws a random number, which is not allowed here") }
        usesRandomness = true
        let dst = newRegister()
        emit(op, dst: dst, register(arguments[0]), arguments.count > 1 ? register(arguments[1]) : 0)
        return (.register(dst), .number)
    }

    /// Names within two edits of `name`, nearest first.
    private func closest(_ name: String, among names: [String]) -> [String] {
        names.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 2 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
    }
}
