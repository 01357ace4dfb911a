import Gym
import GymJSON
import GymPlanning

/// A parsed grid: its cells, what each holds, and how to draw it.
public struct GridLayout: Sendable {
    public enum CellType: String, Sendable { case floor, wall, start, terminal }

    public let rows: [String]
    public let columnCount: Int
    /// The type of each cell, by row and column.
    public let types: [[CellType]]
    /// The non-wall cells in row-major order: state `i` is `cells[i]`.
    public let cells: [GridCell]
    /// The state index of each cell, nil for walls.
    public let stateOfCell: [[Int?]]

    /// A picture of the grid with the agent at `state` drawn as `A` (walls `#`, other cells their layout character).
    public func picture(agentAt state: Int?) -> String {
        var lines: [String] = []
        for (r, row) in rows.enumerated() {
            var line = ""
            for (c, ch) in row.enumerated() {
                if let state, stateOfCell[r][c] == state { line.append("A") }
                else if types[r][c] == .wall { line.append("#") }
                else { line.append(ch) }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// The `grid` kind: a layout of characters, a legend, moves with drift, rewards on entering cells.
enum GridKind {
    static let kind = MDPKind(
        members: ["layout", "legend", "actions", "living_reward", "drift", "observation"],
        requiredMembers: ["layout", "legend"],
        compile: compile)

    /// Row and column change of each move name.
    static let moves: [String: (dr: Int, dc: Int)] = ["up": (-1, 0), "right": (0, 1), "down": (1, 0), "left": (0, -1)]

    struct CellRule {
        var type: GridLayout.CellType
        var reward: Double
        var teleport: String?
    }

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let root = JSONPath.root
        // Layout: equal-length strings.
        var rows: [String] = []
        if let items = reader.array(json["layout"], at: root.key("layout"), nonEmpty: true) {
            for (i, item) in items.enumerated() {
                guard let row = reader.string(item, at: root.key("layout").index(i)) else { continue }
                if row.isEmpty { reader.fail(root.key("layout").index(i), "rows must not be empty") }
                if let first = rows.first, row.count != first.count {
                    reader.fail(root.key("layout").index(i), "row has \(row.count) cells but row 0 has \(first.count): the layout must be rectangular")
                }
                rows.append(row)
            }
        }
        // Legend: character -> cell rule.
        var legend: [Character: CellRule] = [:]
        let legendPath = root.key("legend")
        if let members = reader.object(json["legend"], at: legendPath) {
            for (key, value) in members {
                let path = legendPath.key(key)
                guard key.count == 1, let ch = key.first else { reader.fail(path, "legend keys are single characters, got '\(key)'"); continue }
                guard reader.object(value, at: path) != nil else { continue }
                reader.checkMembers(value, at: path, allowed: ["type", "reward", "teleport"], required: ["type"])
                guard let typeName = reader.string(value["type"], at: path.key("type")) else { continue }
                guard let type = GridLayout.CellType(rawValue: typeName) else {
                    reader.fail(path.key("type"), "unknown cell type '\(typeName)'; expected floor, wall, start or terminal")
                    continue
                }
                let reward = value["reward"] == nil ? 0 : reader.number(value["reward"], at: path.key("reward"), "finite") { _ in true } ?? 0
                let teleport = reader.string(value["teleport"], at: path.key("teleport"))
                if type == .wall && (value["reward"] != nil || teleport != nil) {
                    reader.fail(path, "a wall cannot have a reward or a teleport")
                }
                if type == .terminal && teleport != nil { reader.fail(path.key("teleport"), "a terminal cell cannot teleport") }
                legend[ch] = CellRule(type: type, reward: reward, teleport: teleport)
            }
        }
        let actions = json["actions"] == nil ? ["up", "right", "down", "left"] : (reader.names(json["actions"], at: root.key("actions")) ?? [])
        for (i, name) in actions.enumerated() where moves[name] == nil {
            reader.fail(root.key("actions").index(i), "unknown move '\(name)'; grid actions are up, right, down, left")
        }
        let living = json["living_reward"] == nil ? 0 : reader.number(json["living_reward"], at: root.key("living_reward"), "finite") { _ in true } ?? 0
        let drift = readDrift(json["drift"], reader)
        let observation = TabularKind.observationName(json["observation"], allowed: ["index", "one-hot", "coordinates"], reader)

        guard !rows.isEmpty, reader.issues.isEmpty else { return nil }
        // Cells.
        var types: [[GridLayout.CellType]] = []
        var rules: [[CellRule]] = []
        var cells: [GridCell] = []
        var stateOfCell: [[Int?]] = []
        for (r, row) in rows.enumerated() {
            var typeRow: [GridLayout.CellType] = [], ruleRow: [CellRule] = [], stateRow: [Int?] = []
            for (c, ch) in row.enumerated() {
                guard let rule = legend[ch] else {
                    reader.fail(root.key("layout").index(r), "character '\(ch)' at column \(c) is not in the legend")
                    typeRow.append(.wall); ruleRow.append(CellRule(type: .wall, reward: 0)); stateRow.append(nil)
                    continue
                }
                typeRow.append(rule.type)
                ruleRow.append(rule)
                if rule.type == .wall { stateRow.append(nil) } else { stateRow.append(cells.count); cells.append(GridCell(row: r, column: c)) }
            }
            types.append(typeRow); rules.append(ruleRow); stateOfCell.append(stateRow)
        }
        let starts = cells.indices.filter { types[cells[$0].row][cells[$0].column] == .start }
        if starts.isEmpty { reader.fail(root.key("layout"), "the layout has no start cell (a legend entry of type \"start\")") }
        guard reader.issues.isEmpty else { return nil }
        let names = cells.map { "\($0.row),\($0.column)" }
        let terminal = cells.map { types[$0.row][$0.column] == .terminal }
        let start = starts.map { (state: $0, probability: 1.0 / Double(starts.count)) }
        // Teleport targets: "start" (the start distribution) or a cell "r,c".
        func teleportTargets(_ target: String, at path: JSONPath) -> [(state: Int, probability: Double)]? {
            if target == "start" { return start }
            if let s = names.firstIndex(of: target), !terminal[s] { return [(s, 1)] }
            reader.fail(path, "teleport target '\(target)' is neither \"start\" nor a non-terminal, non-wall cell \"row,column\"")
            return nil
        }
        var builder = TabularModelBuilder(stateCount: cells.count, actionCount: actions.count)
        let rowCount = rows.count, columnCount = rows[0].count
        for (s, cell) in cells.enumerated() where !terminal[s] {
            for (a, name) in actions.enumerated() {
                let intended = moves[name]!
                let directions: [((Int, Int), Double)] = [
                    (intended, drift.intended), ((-intended.dc, intended.dr), drift.left), ((intended.dc, -intended.dr), drift.right),
                    ((-intended.dr, -intended.dc), drift.back), ((0, 0), drift.stay),
                ]
                for ((dr, dc), p) in directions where p > 0 {
                    var r = cell.row + dr, c = cell.column + dc
                    if r < 0 || r >= rowCount || c < 0 || c >= columnCount || types[r][c] == .wall { r = cell.row; c = cell.column }
                    let entered = r != cell.row || c != cell.column
                    let rule = rules[r][c]
                    let reward = living + (entered ? rule.reward : 0)
                    let target = stateOfCell[r][c]!
                    if entered, let teleport = rule.teleport {
                        guard let targets = teleportTargets(teleport, at: legendPath.key(String(rows[r][rows[r].index(rows[r].startIndex, offsetBy: c)])).key("teleport")) else { continue }
                        for t in targets { builder.add(s, a, probability: p * t.probability, next: t.state, reward: reward) }
                    } else {
                        builder.add(s, a, probability: p, next: target, reward: reward)
                    }
                }
            }
        }
        guard reader.issues.isEmpty else { return nil }
        let encoding: StateEncoding = observation == "coordinates" ? .coordinates(cells: cells, rows: rowCount, columns: columnCount)
            : observation == "one-hot" ? .oneHot : .index
        let model = builder.build(stateNames: names, actionNames: actions, terminal: terminal, start: start)
        let layout = GridLayout(rows: rows, columnCount: columnCount, types: types, cells: cells, stateOfCell: stateOfCell)
        return TabularKind.definition(model: model, header: header, encoding: encoding, grid: layout, reader: reader)
    }

    struct Drift { var intended = 1.0, left = 0.0, right = 0.0, back = 0.0, stay = 0.0 }

    /// `"drift"`: where a move goes; left and right are perpendicular to the intended direction.
    static func readDrift(_ node: OrderedJSON?, _ reader: SpecReader) -> Drift {
        let path = JSONPath.root.key("drift")
        guard let node, reader.object(node, at: path) != nil else { return Drift() }
        let keys = ["intended", "left", "right", "back", "stay"]
        reader.checkMembers(node, at: path, allowed: keys, required: ["intended"])
        let values = keys.map { key in node[key] == nil ? 0 : reader.number(node[key], at: path.key(key), "a probability in [0, 1]") { $0 >= 0 && $0 <= 1 } ?? 0 }
        guard reader.checkDistribution(values, at: path, what: "drift") else { return Drift() }
        return Drift(intended: values[0], left: values[1], right: values[2], back: values[3], stay: values[4])
    }
}
