import Gym
import GymJSON

/// The compiled form of a `dynamics` MDP: register layout and programs.
public struct DynamicsModel: Sendable {
    public var stateNames: [String]
    /// Discrete action names, or nil for continuous actions.
    public var discreteActions: [String]?
    /// Continuous action component names and bounds.
    public var continuousActions: (names: [String], low: [Double], high: [Double])?
    public var observationLow: [Double]
    public var observationHigh: [Double]
    public var initialRegisters: [Double]
    /// Draws the initial state into registers `0 ..< stateCount`.
    public var initProgram: Program
    /// One step: lets, next state, reward and terminated.
    public var stepProgram: Program
    /// The observation of the current state (deterministic, no random draws).
    public var observationProgram: Program
    public var actionBase: Int
    public var timeRegister: Int
    public var rewardRegister: Int
    public var terminatedRegister: Int
    public var observationBase: Int
    /// The register each observation component is read from.
    public var observationSources: [Int]
    public var usesRandomness: Bool
    /// The expression texts of the observation, for error messages.
    public var observationExpressions: [String]

    public var stateCount: Int { stateNames.count }
    public var observationCount: Int { observationLow.count }
}

/// The `dynamics` kind: state variables, parameters and update equations written as expressions.
enum DynamicsKind {
    static let kind = MDPKind(
        members: ["state", "actions", "let", "next", "reward", "terminated", "observation"],
        requiredMembers: ["state", "actions", "next", "reward", "observation"],
        compile: compile)

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let root = JSONPath.root
        var names = Set<String>()
        /// Records a name clash or a reserved name; returns whether the name is usable.
        func declare(_ name: String, at path: JSONPath) -> Bool {
            guard !name.isEmpty, name.first!.isLetter || name.first! == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                reader.fail(path, "'\(name)' is not a valid name (letters, digits and _, not starting with a digit)")
                return false
            }
            if ExpressionCompiler.reservedNames.contains(name) {
                reader.fail(path, "'\(name)' is a reserved name (a function, action, t, pi, e, inf, true or false)")
                return false
            }
            if !names.insert(name).inserted || header.parameters[name] != nil {
                reader.fail(path, "the name '\(name)' is already used by a parameter, state variable, action or let binding")
                return false
            }
            return true
        }

        // State variables and their initial values.
        var stateNames: [String] = []
        var stateInits: [(text: String, path: JSONPath)] = []
        if let items = reader.array(json["state"], at: root.key("state"), nonEmpty: true) {
            for (i, item) in items.enumerated() {
                let path = root.key("state").index(i)
                guard reader.object(item, at: path) != nil else { continue }
                reader.checkMembers(item, at: path, allowed: ["name", "init"], required: ["name", "init"])
                guard let name = reader.string(item["name"], at: path.key("name")), declare(name, at: path.key("name")) else { continue }
                stateNames.append(name)
                if let text = initExpression(item["init"], at: path.key("init"), reader) { stateInits.append((text, path.key("init"))) }
            }
        }

        // Actions.
        var discreteActions: [String]?
        var continuous: (names: [String], low: [Double], high: [Double])?
        let actionsPath = root.key("actions")
        if let node = json["actions"], reader.object(node, at: actionsPath) != nil {
            let type = reader.string(node["type"], at: actionsPath.key("type"))
            if type == "discrete" {
                reader.checkMembers(node, at: actionsPath, allowed: ["type", "names"], required: ["type", "names"])
                discreteActions = reader.names(node["names"], at: actionsPath.key("names"))
            } else if type == "continuous" {
                reader.checkMembers(node, at: actionsPath, allowed: ["type", "names", "low", "high"], required: ["type", "names", "low", "high"])
                if let actionNames = reader.names(node["names"], at: actionsPath.key("names")) {
                    let usable = actionNames.enumerated().allSatisfy { declare($1, at: actionsPath.key("names").index($0)) }
                    let low = bounds(node["low"], at: actionsPath.key("low"), count: actionNames.count, reader)
                    let high = bounds(node["high"], at: actionsPath.key("high"), count: actionNames.count, reader)
                    if usable, let low, let high {
                        if let i = (0..<low.count).first(where: { !(low[$0] < high[$0]) || !low[$0].isFinite || !high[$0].isFinite }) {
                            reader.fail(actionsPath, "action '\(actionNames[i])' needs finite bounds with low < high, got [\(low[i]), \(high[i])]")
                        } else {
                            continuous = (actionNames, low, high)
                        }
                    }
                }
            } else if type != nil {
                reader.fail(actionsPath.key("type"), "must be \"discrete\" or \"continuous\", got '\(type!)'")
            } else if node["type"] == nil {
                reader.fail(actionsPath.key("type"), "required member 'type' is missing")
            }
        }

        // Let bindings (ordered) and next-state equations.
        var lets: [(name: String, text: String, path: JSONPath)] = []
        if let items = reader.array(json["let"], at: root.key("let")) {
            for (i, item) in items.enumerated() {
                let path = root.key("let").index(i)
                guard let pair = reader.array(item, at: path) else { continue }
                guard pair.count == 2, case .string(let name) = pair[0], case .string(let text) = pair[1] else {
                    reader.fail(path, "a let binding is [\"name\", \"expression\"]")
                    continue
                }
                if declare(name, at: path.index(0)) { lets.append((name, text, path.index(1))) }
            }
        }
        var nextTexts: [String: (text: String, path: JSONPath)] = [:]
        if let members = reader.object(json["next"], at: root.key("next")) {
            for (name, value) in members {
                let path = root.key("next").key(name)
                if !stateNames.contains(name) { reader.fail(path, "'\(name)' is not a state variable (state: \(stateNames.joined(separator: ", ")))"); continue }
                if let text = reader.string(value, at: path) { nextTexts[name] = (text, path) }
            }
            for name in stateNames where nextTexts[name] == nil && !members.contains(where: { $0.0 == name }) {
                reader.fail(root.key("next"), "no equation for state variable '\(name)'")
            }
        }
        let rewardText = reader.string(json["reward"], at: root.key("reward"))
        let terminatedText = json["terminated"] == nil ? "false" : reader.string(json["terminated"], at: root.key("terminated"))

        // Observation.
        var observationTexts: [String] = []
        var observationLow: [Double] = [], observationHigh: [Double] = []
        let observationPath = root.key("observation")
        if let node = json["observation"], reader.object(node, at: observationPath) != nil {
            reader.checkMembers(node, at: observationPath, allowed: ["expressions", "low", "high"], required: ["expressions", "low", "high"])
            if let items = reader.array(node["expressions"], at: observationPath.key("expressions"), nonEmpty: true) {
                observationTexts = items.enumerated().compactMap { reader.string($1, at: observationPath.key("expressions").index($0)) }
                observationLow = bounds(node["low"], at: observationPath.key("low"), count: items.count, reader) ?? []
                observationHigh = bounds(node["high"], at: observationPath.key("high"), count: items.count, reader) ?? []
                if let i = observationLow.indices.first(where: { i in i < observationHigh.count && !(observationLow[i] <= observationHigh[i]) }) {
                    reader.fail(observationPath, "observation \(i): low \(observationLow[i]) exceeds high \(observationHigh[i])")
                }
            }
        }
        // Compile the expressions even after structural problems, so that one run reports both.
        guard discreteActions != nil || continuous != nil, let rewardText, let terminatedText else { return nil }

        // Register layout: state, next state, action, t, lets, reward, terminated, observation.
        let n = stateNames.count
        let actionCount = continuous?.names.count ?? 1
        let actionBase = 2 * n, timeRegister = actionBase + actionCount, letBase = timeRegister + 1
        let rewardRegister = letBase + lets.count, terminatedRegister = rewardRegister + 1, observationBase = terminatedRegister + 1
        let compiler = ExpressionCompiler(fixedRegisters: observationBase + observationTexts.count)
        @discardableResult
        func compile(_ text: String, into register: Int, _ type: ValueType?, _ scope: Scope, at path: JSONPath,
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

        // Initial state: parameters and earlier state variables.
        var scope = Scope()
        scope.constants = header.parameters
        for (i, name) in stateNames.enumerated() {
            for later in stateNames[i...] { scope.unavailable[later] = "is a state variable initialised later; an init may use only earlier ones" }
            scope.unavailable["action"] = "is not defined when the state is initialised"
            // State registers are also written by every step, so reset must write even a constant init.
            if i < stateInits.count { compile(stateInits[i].text, into: i, .number, scope, at: stateInits[i].path, preload: false) }
            scope.registers[name] = (Int32(i), .number)
        }
        let initProgram = compiler.takeProgram()

        // Step: lets see the old state, the action and t.
        scope = Scope()
        scope.constants = header.parameters
        for (i, name) in stateNames.enumerated() { scope.registers[name] = (Int32(i), .number) }
        if let continuous {
            scope.actionComponents = (0..<continuous.names.count).map { Int32(actionBase + $0) }
            for (i, name) in continuous.names.enumerated() { scope.registers[name] = (Int32(actionBase + i), .number) }
        } else {
            scope.registers["action"] = (Int32(actionBase), .number)
        }
        scope.registers["t"] = (Int32(timeRegister), .number)
        for binding in lets { scope.unavailable[binding.name] = "is defined later in $.let (a binding may use only earlier ones)" }
        for (i, binding) in lets.enumerated() {
            scope.unavailable[binding.name] = "refers to itself (a let binding may use only earlier ones)"
            if let value = compiler.constantValue(binding.text, scope: scope, ofType: .number) {
                // A binding of parameters alone is a constant: later expressions fold it.
                scope.unavailable[binding.name] = nil
                scope.constants[binding.name] = value
                continue
            }
            let type = compile(binding.text, into: letBase + i, nil, scope, at: binding.path) ?? .number
            scope.unavailable[binding.name] = nil
            scope.registers[binding.name] = (Int32(letBase + i), type)
        }
        // Next state: every right-hand side sees the old state. A result goes straight into its state
        // register when no later equation reads that variable; otherwise into a next-state register,
        // copied over once all equations are evaluated.
        var deferred: [Int] = []
        for (i, name) in stateNames.enumerated() {
            guard let next = nextTexts[name] else { continue }
            let readLater = stateNames[(i + 1)...].contains { later in
                nextTexts[later].flatMap { try? Parser.parse($0.text).names.contains(name) } ?? false
            }
            if readLater { deferred.append(i) }
            compile(next.text, into: readLater ? n + i : i, .number, scope, at: next.path, preload: false)
        }
        for i in deferred { compiler.emitMove(from: Int32(n + i), to: Int32(i)) }
        // Reward and termination see the new state (and the lets computed from the old one).
        compile(rewardText, into: rewardRegister, .number, scope, at: root.key("reward"))
        compile(terminatedText, into: terminatedRegister, .boolean, scope, at: root.key("terminated"))
        let stepProgram = compiler.takeProgram()
        // The observation is a function of the state alone (so that reset and observe() can compute it).
        var observationScope = Scope()
        observationScope.constants = header.parameters
        observationScope.allowsRandom = false
        for (i, name) in stateNames.enumerated() { observationScope.registers[name] = (Int32(i), .number) }
        for name in lets.map(\.name) + (continuous?.names ?? []) + ["action", "t"] {
            observationScope.unavailable[name] = "cannot be used here: the observation is a function of the state variables and parameters alone"
        }
        var observationSources: [Int] = []
        for (i, text) in observationTexts.enumerated() {
            // A plain state variable is read straight from its register; other expressions are computed.
            if case .name(let name, _)? = try? Parser.parse(text), let s = stateNames.firstIndex(of: name) {
                observationSources.append(s)
            } else {
                compile(text, into: observationBase + i, .number, observationScope, at: observationPath.key("expressions").index(i))
                observationSources.append(observationBase + i)
            }
        }
        let observationProgram = compiler.takeProgram()
        guard reader.issues.isEmpty else { return nil }

        let model = DynamicsModel(
            stateNames: stateNames, discreteActions: discreteActions, continuousActions: continuous,
            observationLow: observationLow, observationHigh: observationHigh, initialRegisters: compiler.initialRegisters,
            initProgram: initProgram, stepProgram: stepProgram, observationProgram: observationProgram, actionBase: actionBase, timeRegister: timeRegister,
            rewardRegister: rewardRegister, terminatedRegister: terminatedRegister, observationBase: observationBase, observationSources: observationSources,
            usesRandomness: compiler.usesRandomness, observationExpressions: observationTexts)
        let metadata = header.metadata(isStochastic: compiler.usesRandomness, actionNames: discreteActions)
        return MDPDefinition(header: header, model: nil, grid: nil, makeEnvironment: {
            try DynamicsEnvironment(model: model, metadata: metadata)
        })
    }

    /// `init`: a number, `{"uniform": [lo, hi]}`, `{"normal": [mu, sigma]}`, or an expression string.
    static func initExpression(_ node: OrderedJSON?, at path: JSONPath, _ reader: SpecReader) -> String? {
        guard let node else { return nil }
        func operand(_ item: OrderedJSON, at p: JSONPath) -> String? {
            switch item {
            case .number(let x): return "(\(x))"
            case .string(let s) where s.hasPrefix("$"): return String(s.dropFirst())
            default:
                reader.fail(p, "expected a number or a \"$parameter\" reference, got \(item.typeName)")
                return nil
            }
        }
        switch node {
        case .number(let x): return "(\(x))"
        case .string(let text): return text.hasPrefix("$") ? String(text.dropFirst()) : text
        case .object(let members):
            guard members.count == 1, let (kind, value) = members.first, kind == "uniform" || kind == "normal" else {
                reader.fail(path, "an init object is {\"uniform\": [low, high]} or {\"normal\": [mean, std]}")
                return nil
            }
            guard let pair = reader.array(value, at: path.key(kind)) else { return nil }
            guard pair.count == 2 else { reader.fail(path.key(kind), "expected two numbers, got \(pair.count)"); return nil }
            guard let a = operand(pair[0], at: path.key(kind).index(0)), let b = operand(pair[1], at: path.key(kind).index(1)) else { return nil }
            return "\(kind)(\(a), \(b))"
        default:
            reader.fail(path, "expected a number, an expression, or {\"uniform\": [...]} / {\"normal\": [...]}, got \(node.typeName)")
            return nil
        }
    }

    /// A list of bounds: numbers, `"$parameter"`, or constant expressions such as `"-q_max"` and `"-inf"`.
    static func bounds(_ node: OrderedJSON?, at path: JSONPath, count: Int, _ reader: SpecReader) -> [Double]? {
        guard let items = reader.array(node, at: path) else {
            if node == nil { reader.fail(path, "required member is missing") }
            return nil
        }
        guard items.count == count else {
            reader.fail(path, "expected \(count) bounds, got \(items.count)")
            return nil
        }
        var values: [Double] = []
        var scope = Scope()
        scope.constants = reader.parameters
        scope.allowsRandom = false
        for (i, item) in items.enumerated() {
            if case .string(let text) = item, !text.hasPrefix("$") {
                do {
                    guard let x = try ExpressionCompiler(fixedRegisters: 0).constantValue(text, scope: scope) else {
                        reader.fail(path.index(i), "a bound must be constant (numbers and parameters only), got '\(text)'")
                        return nil
                    }
                    values.append(x)
                } catch let error as ExpressionError {
                    reader.fail(path.index(i).column(error.column), error.message)
                    return nil
                } catch {
                    reader.fail(path.index(i), "\(error)")
                    return nil
                }
                continue
            }
            guard let x = reader.number(item, at: path.index(i)) else { return nil }
            values.append(x)
        }
        return values
    }
}
