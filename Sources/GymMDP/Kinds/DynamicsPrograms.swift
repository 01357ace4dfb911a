import Gym
import GymExpressions

/// Where each value of a dynamics MDP lives in the register file: state, next state, action, t, lets,
/// reward, terminated, observation, then the compiler's constants and temporaries.
struct DynamicsRegisterLayout {
    let stateCount: Int
    let actionBase: Int
    let time: Int
    let letBase: Int
    let reward: Int
    let terminated: Int
    let observationBase: Int
    /// Registers before the compiler's own.
    let fixed: Int

    init(stateCount: Int, actionCount: Int, letCount: Int, observationCount: Int) {
        self.stateCount = stateCount
        actionBase = 2 * stateCount
        time = actionBase + actionCount
        letBase = time + 1
        reward = letBase + letCount
        terminated = reward + 1
        observationBase = terminated + 1
        fixed = observationBase + observationCount
    }

    /// The register that holds the next value of state variable `i` until every equation has read the old one.
    func nextState(_ i: Int) -> Int { stateCount + i }
}

/// The programs of a dynamics MDP, compiled from its declarations into one register file. Compile
/// errors are recorded in the reader at the expression's JSON path and column.
struct DynamicsPrograms {
    let declarations: DynamicsDeclarations
    let actions: DynamicsActions
    let layout: DynamicsRegisterLayout
    let compiler: ExpressionCompiler
    private let parameters: [String: Double]
    private let reader: SpecReader

    init(_ declarations: DynamicsDeclarations, actions: DynamicsActions, header: MDPHeader, reader: SpecReader) {
        self.declarations = declarations
        self.actions = actions
        self.reader = reader
        parameters = header.parameters
        layout = DynamicsRegisterLayout(stateCount: declarations.stateNames.count, actionCount: actions.continuous?.names.count ?? 1,
                                        letCount: declarations.lets.count, observationCount: declarations.observationTexts.count)
        compiler = ExpressionCompiler(fixedRegisters: layout.fixed)
    }

    /// Compiles `text` into `register`, recording an error at `path` (and the column) on failure.
    @discardableResult
    private func compile(_ text: String, into register: Int, _ type: ValueType?, _ scope: Scope, at path: JSONPath,
                         preload: Bool = true) -> ValueType? {
        do {
            return try compiler.compile(text, into: Int32(register), expecting: type, scope: scope, preload: preload)
        } catch let error as ExpressionError {
            reader.fail(path.column(error.column), error.message)
            return nil
        } catch {
            reader.fail(path, "\(error)")
            return nil
        }
    }

    /// A scope with the parameters and the state variables in their registers.
    private func stateScope() -> Scope {
        var scope = Scope()
        scope.constants = parameters
        for (i, name) in declarations.stateNames.enumerated() { scope.registers[name] = (Int32(i), .number) }
        return scope
    }

    /// Draws the initial state: each init sees the parameters and the earlier state variables.
    func compileInitialState() -> Program {
        var scope = Scope()
        scope.constants = parameters
        let names = declarations.stateNames
        for (i, name) in names.enumerated() {
            for later in names[i...] { scope.unavailable[later] = "is a state variable initialised later; an init may use only earlier ones" }
            scope.unavailable["action"] = "is not defined when the state is initialised"
            // State registers are also written by every step, so reset must write even a constant init.
            if i < declarations.stateInits.count {
                let initial = declarations.stateInits[i]
                compile(initial.text, into: i, .number, scope, at: initial.path, preload: false)
            }
            scope.registers[name] = (Int32(i), .number)
        }
        return compiler.takeProgram()
    }

    /// One step: the lets (seeing the old state, the action and t), the next state, then reward and
    /// termination (seeing the new state and the lets).
    func compileStep(reward: String, terminated: String) -> Program {
        var scope = stateScope()
        if let continuous = actions.continuous {
            scope.actionComponents = (0..<continuous.names.count).map { Int32(layout.actionBase + $0) }
            for (i, name) in continuous.names.enumerated() { scope.registers[name] = (Int32(layout.actionBase + i), .number) }
        } else {
            scope.registers["action"] = (Int32(layout.actionBase), .number)
        }
        scope.registers["t"] = (Int32(layout.time), .number)
        compileLets(into: &scope)
        compileNextState(scope)
        compile(reward, into: layout.reward, .number, scope, at: JSONPath.root.key("reward"))
        compile(terminated, into: layout.terminated, .boolean, scope, at: JSONPath.root.key("terminated"))
        return compiler.takeProgram()
    }

    /// The let bindings, in order; each sees only earlier ones. A binding of parameters alone is a
    /// constant that later expressions fold.
    private func compileLets(into scope: inout Scope) {
        let lets = declarations.lets
        for binding in lets { scope.unavailable[binding.name] = "is defined later in $.let (a binding may use only earlier ones)" }
        for (i, binding) in lets.enumerated() {
            scope.unavailable[binding.name] = "refers to itself (a let binding may use only earlier ones)"
            if let value = compiler.constantValue(binding.text, scope: scope, ofType: .number) {
                scope.unavailable[binding.name] = nil
                scope.constants[binding.name] = value
                continue
            }
            let type = compile(binding.text, into: layout.letBase + i, nil, scope, at: binding.path) ?? .number
            scope.unavailable[binding.name] = nil
            scope.registers[binding.name] = (Int32(layout.letBase + i), type)
        }
    }

    /// The next-state equations: every right-hand side sees the old state. A result goes straight into its
    /// state register when no later equation reads that variable; otherwise into a next-state register,
    /// copied over once all equations are evaluated.
    private func compileNextState(_ scope: Scope) {
        let names = declarations.stateNames, next = declarations.next
        var deferred: [Int] = []
        for (i, name) in names.enumerated() {
            guard let equation = next[name] else { continue }
            let readLater = names[(i + 1)...].contains { later in
                next[later].flatMap { try? Parser.parse($0.text).names.contains(name) } ?? false
            }
            if readLater { deferred.append(i) }
            compile(equation.text, into: readLater ? layout.nextState(i) : i, .number, scope, at: equation.path, preload: false)
        }
        for i in deferred { compiler.emitMove(from: Int32(layout.nextState(i)), to: Int32(i)) }
    }

    /// The observation, a function of the state alone (so that reset and observe() can compute it), and
    /// the register each component is read from: a plain state variable is read from its own register.
    func compileObservation() -> (Program, sources: [Int]) {
        var scope = stateScope()
        scope.allowsRandom = false
        for name in declarations.lets.map(\.name) + (actions.continuous?.names ?? []) + ["action", "t"] {
            scope.unavailable[name] = "cannot be used here: the observation is a function of the state variables and parameters alone"
        }
        var sources: [Int] = []
        for (i, text) in declarations.observationTexts.enumerated() {
            if case .name(let name, _)? = try? Parser.parse(text), let s = declarations.stateNames.firstIndex(of: name) {
                sources.append(s)
            } else {
                compile(text, into: layout.observationBase + i, .number, scope,
                        at: DynamicsDeclarations.observationPath.key("expressions").index(i))
                sources.append(layout.observationBase + i)
            }
        }
        return (compiler.takeProgram(), sources)
    }
}
