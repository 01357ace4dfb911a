import Gym
import GymExpressions
import GymJSON

/// The actions of a dynamics MDP: named discrete choices, or bounded continuous components.
struct DynamicsActions {
    var discrete: [String]?
    var continuous: (names: [String], low: [Double], high: [Double])?
}

/// What a `dynamics` file declares, read and checked for structure before any expression is compiled:
/// the state variables with their initial values, the actions, the let bindings, the equations, and
/// the observation. Problems are recorded in the reader with their JSON paths.
struct DynamicsDeclarations {
    var stateNames: [String] = []
    var stateInits: [(text: String, path: JSONPath)] = []
    /// Nil when the actions could not be read.
    var actions: DynamicsActions?
    var lets: [(name: String, text: String, path: JSONPath)] = []
    var next: [String: (text: String, path: JSONPath)] = [:]
    var reward: String?
    /// "false" when the file has no `terminated`.
    var terminated: String?
    var observationTexts: [String] = []
    var observationLow: [Double] = []
    var observationHigh: [Double] = []

    private let reader: SpecReader
    private let parameters: [String: Double]
    /// Names declared so far (state variables, continuous actions, lets), which must not clash.
    private var names = Set<String>()

    static let root = JSONPath.root
    static let observationPath = root.key("observation")

    static func read(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> DynamicsDeclarations {
        var declarations = DynamicsDeclarations(reader: reader, parameters: header.parameters)
        declarations.readState(json["state"])
        declarations.readActions(json["actions"])
        declarations.readLets(json["let"])
        declarations.readNext(json["next"])
        declarations.reward = reader.string(json["reward"], at: root.key("reward"))
        declarations.terminated = json["terminated"] == nil ? "false" : reader.string(json["terminated"], at: root.key("terminated"))
        declarations.readObservation(json["observation"])
        return declarations
    }

    private init(reader: SpecReader, parameters: [String: Double]) {
        self.reader = reader
        self.parameters = parameters
    }

    /// Records a name clash or a reserved name; returns whether the name is usable.
    private mutating func declare(_ name: String, at path: JSONPath) -> Bool {
        guard !name.isEmpty, name.first!.isLetter || name.first! == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            reader.fail(path, "'\(name)' is not a valid name (letters, digits and _, not starting with a digit)")
            return false
        }
        if ExpressionCompiler.reservedNames.contains(name) {
            reader.fail(path, "'\(name)' is a reserved name (a function, action, t, pi, e, inf, true or false)")
            return false
        }
        if !names.insert(name).inserted || parameters[name] != nil {
            reader.fail(path, "the name '\(name)' is already used by a parameter, state variable, action or let binding")
            return false
        }
        return true
    }

    /// `state`: a list of `{"name", "init"}`.
    private mutating func readState(_ node: OrderedJSON?) {
        let statePath = Self.root.key("state")
        guard let items = reader.array(node, at: statePath, nonEmpty: true) else { return }
        for (i, item) in items.enumerated() {
            let path = statePath.index(i)
            guard reader.object(item, at: path) != nil else { continue }
            reader.checkMembers(item, at: path, allowed: ["name", "init"], required: ["name", "init"])
            guard let name = reader.string(item["name"], at: path.key("name")), declare(name, at: path.key("name")) else { continue }
            stateNames.append(name)
            if let text = DynamicsKind.initExpression(item["init"], at: path.key("init"), reader) { stateInits.append((text, path.key("init"))) }
        }
    }

    /// `actions`: `{"type": "discrete", "names"}` or `{"type": "continuous", "names", "low", "high"}`.
    private mutating func readActions(_ node: OrderedJSON?) {
        let path = Self.root.key("actions")
        guard let node, reader.object(node, at: path) != nil else { return }
        let type = reader.string(node["type"], at: path.key("type"))
        switch type {
        case "discrete":
            reader.checkMembers(node, at: path, allowed: ["type", "names"], required: ["type", "names"])
            if let names = reader.names(node["names"], at: path.key("names")) { actions = DynamicsActions(discrete: names) }
        case "continuous":
            reader.checkMembers(node, at: path, allowed: ["type", "names", "low", "high"], required: ["type", "names", "low", "high"])
            guard let names = reader.names(node["names"], at: path.key("names")) else { return }
            var usable = true
            for (i, name) in names.enumerated() where !declare(name, at: path.key("names").index(i)) {
                usable = false
                break
            }
            let low = DynamicsKind.bounds(node["low"], at: path.key("low"), count: names.count, reader)
            let high = DynamicsKind.bounds(node["high"], at: path.key("high"), count: names.count, reader)
            guard usable, let low, let high else { return }
            if let i = (0..<low.count).first(where: { !(low[$0] < high[$0]) || !low[$0].isFinite || !high[$0].isFinite }) {
                reader.fail(path, "action '\(names[i])' needs finite bounds with low < high, got [\(low[i]), \(high[i])]")
            } else {
                actions = DynamicsActions(continuous: (names, low, high))
            }
        case let other?:
            reader.fail(path.key("type"), "must be \"discrete\" or \"continuous\", got '\(other)'")
        case nil:
            if node["type"] == nil { reader.fail(path.key("type"), "required member 'type' is missing") }
        }
    }

    /// `let`: ordered `["name", "expression"]` pairs.
    private mutating func readLets(_ node: OrderedJSON?) {
        let letPath = Self.root.key("let")
        guard let items = reader.array(node, at: letPath) else { return }
        for (i, item) in items.enumerated() {
            let path = letPath.index(i)
            guard let pair = reader.array(item, at: path) else { continue }
            guard pair.count == 2, case .string(let name) = pair[0], case .string(let text) = pair[1] else {
                reader.fail(path, "a let binding is [\"name\", \"expression\"]")
                continue
            }
            if declare(name, at: path.index(0)) { lets.append((name, text, path.index(1))) }
        }
    }

    /// `next`: one equation per state variable.
    private mutating func readNext(_ node: OrderedJSON?) {
        let nextPath = Self.root.key("next")
        guard let members = reader.object(node, at: nextPath) else { return }
        for (name, value) in members {
            let path = nextPath.key(name)
            if !stateNames.contains(name) {
                reader.fail(path, "'\(name)' is not a state variable (state: \(stateNames.joined(separator: ", ")))")
                continue
            }
            if let text = reader.string(value, at: path) { next[name] = (text, path) }
        }
        for name in stateNames where next[name] == nil && !members.contains(where: { $0.0 == name }) {
            reader.fail(nextPath, "no equation for state variable '\(name)'")
        }
    }

    /// `observation`: `{"expressions", "low", "high"}`.
    private mutating func readObservation(_ node: OrderedJSON?) {
        let path = Self.observationPath
        guard let node, reader.object(node, at: path) != nil else { return }
        reader.checkMembers(node, at: path, allowed: ["expressions", "low", "high"], required: ["expressions", "low", "high"])
        guard let items = reader.array(node["expressions"], at: path.key("expressions"), nonEmpty: true) else { return }
        observationTexts = items.enumerated().compactMap { reader.string($1, at: path.key("expressions").index($0)) }
        observationLow = DynamicsKind.bounds(node["low"], at: path.key("low"), count: items.count, reader) ?? []
        observationHigh = DynamicsKind.bounds(node["high"], at: path.key("high"), count: items.count, reader) ?? []
        if let i = observationLow.indices.first(where: { i in i < observationHigh.count && !(observationLow[i] <= observationHigh[i]) }) {
            reader.fail(path, "observation \(i): low \(observationLow[i]) exceeds high \(observationHigh[i])")
        }
    }
}
