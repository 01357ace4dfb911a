import Gym
import GymJSON
import GymTabular

/// The `tabular` kind: states and actions by name, transitions as outcome lists or a compact table.
enum TabularKind {
    static let kind = MDPKind(
        members: ["states", "actions", "start", "terminal", "transitions", "table", "missing", "observation"],
        requiredMembers: ["states", "actions", "start"],
        compile: compile)

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let root = JSONPath.root
        let states = reader.names(json["states"], at: root.key("states"))
        let actions = reader.names(json["actions"], at: root.key("actions"))
        let missing = reader.string(json["missing"], at: root.key("missing"))
        if let missing, missing != "error" && missing != "stay" {
            reader.fail(root.key("missing"), "must be \"error\" or \"stay\", got '\(missing)'")
        }
        let encoding: StateEncoding = observationName(json["observation"], allowed: ["index", "one-hot"], reader) == "one-hot" ? .oneHot : .index
        guard let states, let actions,
              ModelLimits.check(states.count, ModelLimits.maxStates, "states", at: root.key("states"), reader),
              ModelLimits.check(actions.count, ModelLimits.maxActions, "actions", at: root.key("actions"), reader),
              ModelLimits.check(states.count * actions.count, ModelLimits.maxStateActionPairs,
                                "state-action pairs (\(states.count) states times \(actions.count) actions)", at: root.key("actions"), reader)
        else { return nil }
        let stateIndex = Dictionary(uniqueKeysWithValues: states.enumerated().map { ($1, $0) })
        let actionIndex = Dictionary(uniqueKeysWithValues: actions.enumerated().map { ($1, $0) })

        let terminal = readTerminal(json["terminal"], stateIndex: stateIndex, count: states.count, reader)
        let start = readStart(json["start"], at: root.key("start"), stateIndex: stateIndex, terminal: terminal, reader)

        var builder = TabularModelBuilder(stateCount: states.count, actionCount: actions.count)
        // Pairs the file gives outcomes for, valid or not (so that a rejected outcome is not also reported missing).
        var declared = Set<Int>()
        switch (json["transitions"], json["table"]) {
        case (nil, nil):
            reader.fail(root.key("transitions"), "either 'transitions' or 'table' is required")
            return nil
        case (.some, .some):
            reader.fail(root.key("table"), "give either 'transitions' or 'table', not both")
            return nil
        case (let transitions?, nil):
            readTransitions(transitions, states: states, stateIndex: stateIndex, actionIndex: actionIndex, into: &builder, declared: &declared, reader)
        case (nil, let table?):
            readTable(table, stateIndex: stateIndex, actionIndex: actionIndex, states: states, actions: actions, into: &builder, declared: &declared, reader)
        }

        checkOutcomes(&builder, declared: declared, states: states, actions: actions, terminal: terminal, missing: missing,
                      at: json["table"] != nil ? root.key("table") : nil, reader)
        guard let start, reader.issues.isEmpty else { return nil }
        let model = builder.build(stateNames: states, actionNames: actions, terminal: terminal, start: start)
        return definition(model: model, header: header, encoding: encoding, reader: reader)
    }

    /// Which states the `terminal` list names.
    static func readTerminal(_ node: OrderedJSON?, stateIndex: [String: Int], count: Int, _ reader: SpecReader) -> [Bool] {
        var terminal = Array(repeating: false, count: count)
        let path = JSONPath.root.key("terminal")
        for (i, item) in (reader.array(node, at: path) ?? []).enumerated() {
            guard let name = reader.string(item, at: path.index(i)) else { continue }
            if let s = stateIndex[name] { terminal[s] = true } else { reader.fail(path.index(i), "unknown state '\(name)'") }
        }
        return terminal
    }

    /// Every non-terminal state needs outcomes for every action: a pair the file leaves out stays where
    /// it is with `"missing": "stay"`, and is reported otherwise; so is a pair whose probabilities do not
    /// sum to 1 (at `table` when the file gives a table, else at the pair's transitions).
    static func checkOutcomes(_ builder: inout TabularModelBuilder, declared: Set<Int>, states: [String], actions: [String], terminal: [Bool],
                              missing: String?, at table: JSONPath?, _ reader: SpecReader) {
        let root = JSONPath.root
        var missingPairs: [String] = [], missingCount = 0
        for s in 0..<states.count where !terminal[s] {
            for a in 0..<actions.count where !declared.contains(s * actions.count + a) {
                if missing == "stay" { builder.add(s, a, probability: 1, next: s, reward: 0) }
                else {
                    missingCount += 1
                    if missingPairs.count < 5 { missingPairs.append("\(states[s]).\(actions[a])") }
                }
            }
        }
        if missingCount > 0 {
            let shown = missingPairs.joined(separator: ", ") + (missingCount > 5 ? ", ... (\(missingCount) in all)" : "")
            reader.fail(root.key("transitions"), "no outcomes for \(shown); give them, or set \"missing\": \"stay\"")
        }
        // Outcome probabilities per pair.
        for s in 0..<states.count where !terminal[s] {
            for a in 0..<actions.count where builder.hasOutcomes(s, a) {
                let total = builder.outcomes(s, a).reduce(0) { $0 + $1.p }
                if abs(total - 1) > 1e-9 {
                    reader.fail(table ?? root.key("transitions").key(states[s]).key(actions[a]),
                                "probabilities of state '\(states[s])', action '\(actions[a])' sum to \(total), not 1")
                }
            }
        }
    }

    /// The definition of an environment that samples `model` (shared by the tabular and grid kinds).
    static func definition(model: TabularModel, header: MDPHeader, encoding: StateEncoding, grid: GridLayout? = nil,
                           reader: SpecReader) -> MDPDefinition {
        let stochastic = model.start.count > 1 || (0..<model.stateCount * model.actionCount).contains {
            model.offsets[$0 + 1] - model.offsets[$0] > 1
        }
        let range = model.rewards.isEmpty ? 0...0 : model.rewards.min()!...model.rewards.max()!
        let metadata = header.metadata(isStochastic: stochastic, rewardRange: range, actionNames: model.actionNames)
        return MDPDefinition(header: header, model: model, grid: grid, makeEnvironment: {
            try TabularEnvironment(model: model, metadata: metadata, encoding: encoding, grid: grid)
        })
    }

    /// The `"observation"` member: one of `allowed`, "index" when absent.
    static func observationName(_ node: OrderedJSON?, allowed: [String], _ reader: SpecReader) -> String {
        guard let name = reader.string(node, at: JSONPath.root.key("observation")) else { return "index" }
        guard allowed.contains(name) else {
            reader.fail(JSONPath.root.key("observation"), "must be one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")), got '\(name)'")
            return "index"
        }
        return name
    }

    /// `"start"`: a state name, or a map from state names to probabilities.
    static func readStart(_ node: OrderedJSON?, at path: JSONPath, stateIndex: [String: Int], terminal: [Bool],
                          _ reader: SpecReader) -> [(state: Int, probability: Double)]? {
        guard let node else { return nil }
        var start: [(state: Int, probability: Double)] = []
        switch node {
        case .string(let name):
            guard let s = stateIndex[name] else { reader.fail(path, "unknown state '\(name)'"); return nil }
            start = [(s, 1)]
        case .object(let members):
            for (name, value) in members {
                guard let p = reader.number(value, at: path.key(name)) else { continue }
                guard let s = stateIndex[name] else { reader.fail(path.key(name), "unknown state '\(name)'"); continue }
                start.append((s, p))
            }
            guard reader.checkDistribution(start.map(\.probability), at: path, what: "start distribution") else { return nil }
        default:
            reader.fail(path, "expected a state name or an object of state probabilities, got \(node.typeName)")
            return nil
        }
        if let bad = start.first(where: { terminal[$0.state] && $0.probability > 0 }) {
            reader.fail(path, "start state '\(stateIndex.first { $0.value == bad.state }!.key)' is terminal")
            return nil
        }
        return start
    }

    static func readTransitions(_ node: OrderedJSON, states: [String], stateIndex: [String: Int], actionIndex: [String: Int],
                                into builder: inout TabularModelBuilder, declared: inout Set<Int>, _ reader: SpecReader) {
        let path = JSONPath.root.key("transitions")
        guard let byState = reader.object(node, at: path) else { return }
        // Paths are made only for messages: a 100,000-state file has over a million outcomes.
        for (stateName, actionsNode) in byState {
            func statePath() -> JSONPath { path.key(stateName) }
            guard let s = stateIndex[stateName] else { reader.fail(statePath(), "unknown state '\(stateName)'"); continue }
            guard let byAction = reader.object(actionsNode, at: statePath()) else { continue }
            for (actionName, outcomesNode) in byAction {
                func actionPath() -> JSONPath { statePath().key(actionName) }
                guard let a = actionIndex[actionName] else { reader.fail(actionPath(), "unknown action '\(actionName)'"); continue }
                declared.insert(s * actionIndex.count + a)
                guard let outcomes = reader.array(outcomesNode, at: actionPath(), nonEmpty: true) else { continue }
                for (k, outcome) in outcomes.enumerated() {
                    func outcomePath() -> JSONPath { actionPath().index(k) }
                    guard reader.object(outcome, at: outcomePath()) != nil else { continue }
                    reader.checkMembers(outcome, at: outcomePath(), allowed: ["p", "to", "reward"], required: ["p", "to"])
                    let p = reader.number(outcome["p"], at: outcomePath().key("p"), "a probability in [0, 1]") { $0 >= 0 && $0 <= 1 }
                    let reward = outcome["reward"] == nil ? 0 : reader.number(outcome["reward"], at: outcomePath().key("reward"), "finite") { _ in true }
                    var next: Int?
                    if let to = reader.string(outcome["to"], at: outcomePath().key("to")) {
                        next = stateIndex[to]
                        if next == nil { reader.fail(outcomePath().key("to"), "unknown state '\(to)'") }
                    }
                    if let p, let reward, let next { builder.add(s, a, probability: p, next: next, reward: reward) }
                }
            }
        }
    }

    /// The index a table cell names, or nil (without recording an issue).
    static func tableIndex(_ node: OrderedJSON, _ names: [String: Int], count: Int) -> Int? {
        switch node {
        case .string(let name): return names[name]
        case .number(let x): return x == x.rounded() && x >= 0 && x < Double(count) ? Int(x) : nil
        default: return nil
        }
    }

    /// `"table"`: rows `[state, action, p, next, reward]` with names or 0-based indices.
    static func readTable(_ node: OrderedJSON, stateIndex: [String: Int], actionIndex: [String: Int], states: [String], actions: [String],
                          into builder: inout TabularModelBuilder, declared: inout Set<Int>, _ reader: SpecReader) {
        let path = JSONPath.root.key("table")
        guard let rows = reader.array(node, at: path, nonEmpty: true) else { return }
        func index(_ node: OrderedJSON, _ names: [String: Int], count: Int, what: String, at p: @autoclosure () -> JSONPath) -> Int? {
            switch node {
            case .string(let name):
                if let i = names[name] { return i }
                reader.fail(p(), "unknown \(what) '\(name)'")
            case .number(let x):
                if x == x.rounded(), x >= 0, x < Double(count) { return Int(x) }
                reader.fail(p(), "\(what) index \(SpecReader.describe(x)) is outside 0...\(count - 1)")
            default:
                reader.fail(p(), "expected a \(what) name or index, got \(node.typeName)")
            }
            return nil
        }
        for (i, rowNode) in rows.enumerated() {
            // Paths are made only for messages: a 100,000-state table has over a million rows.
            func rowPath() -> JSONPath { path.index(i) }
            guard let row = reader.array(rowNode, at: rowPath()) else { continue }
            if row.count >= 2, let s = tableIndex(row[0], stateIndex, count: states.count),
               let a = tableIndex(row[1], actionIndex, count: actions.count) {
                declared.insert(s * actions.count + a)
            }
            guard row.count == 5 else {
                reader.fail(rowPath(), "a table row is [state, action, p, next, reward], got \(row.count) items")
                continue
            }
            let s = index(row[0], stateIndex, count: states.count, what: "state", at: rowPath().index(0))
            let a = index(row[1], actionIndex, count: actions.count, what: "action", at: rowPath().index(1))
            let p = reader.number(row[2], at: rowPath().index(2), "a probability in [0, 1]") { $0 >= 0 && $0 <= 1 }
            let next = index(row[3], stateIndex, count: states.count, what: "state", at: rowPath().index(3))
            let reward = reader.number(row[4], at: rowPath().index(4), "finite") { _ in true }
            if let s, let a, let p, let next, let reward { builder.add(s, a, probability: p, next: next, reward: reward) }
        }
    }
}
