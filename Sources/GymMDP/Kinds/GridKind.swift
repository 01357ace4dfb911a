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
    /// The reward for entering each cell, from the legend (the living reward aside).
    public let rewards: [[Double]]

    /// A text picture of the grid with the agent at `state` drawn as `A` (walls `#`, other cells their layout character).
    public func text(agentAt state: Int?) -> String {
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
        members: ["layout", "legend", "actions", "living_reward", "drift", "wind", "observation"],
        requiredMembers: ["layout", "legend"],
        compile: compile)

    /// Row and column change of each move name.
    static let moves: [String: (dr: Int, dc: Int)] = ["up": (-1, 0), "right": (0, 1), "down": (1, 0), "left": (0, -1)]

    struct CellRule {
        var type: GridLayout.CellType
        var reward: Double
        var teleport: String?
        /// Where moves from this cell go, instead of the grid's `drift` (ice).
        var drift: Drift?
        /// The moves that may leave this cell (one-way cells); nil for all.
        var exits: Set<String>?
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
                reader.checkMembers(value, at: path, allowed: ["type", "reward", "teleport", "drift", "exits"], required: ["type"])
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
                let cellDrift = value["drift"].map { readDrift($0, at: path.key("drift"), reader) }
                var exits: Set<String>?
                if let names = reader.names(value["exits"], at: path.key("exits")) {
                    for (i, name) in names.enumerated() where moves[name] == nil {
                        reader.fail(path.key("exits").index(i), "unknown move '\(name)'; exits are up, right, down, left")
                    }
                    exits = Set(names)
                }
                if (type == .wall || type == .terminal) && (cellDrift != nil || exits != nil) {
                    reader.fail(path, "a \(typeName) cell is never left, so it cannot have a drift or exits")
                }
                legend[ch] = CellRule(type: type, reward: reward, teleport: teleport, drift: cellDrift, exits: exits)
            }
        }
        let actions = json["actions"] == nil ? ["up", "right", "down", "left"] : (reader.names(json["actions"], at: root.key("actions")) ?? [])
        for (i, name) in actions.enumerated() where moves[name] == nil {
            reader.fail(root.key("actions").index(i), "unknown move '\(name)'; grid actions are up, right, down, left")
        }
        let living = json["living_reward"] == nil ? 0 : reader.number(json["living_reward"], at: root.key("living_reward"), "finite") { _ in true } ?? 0
        let drift = json["drift"].map { readDrift($0, at: root.key("drift"), reader) } ?? Drift()
        let observation = TabularKind.observationName(json["observation"], allowed: ["index", "one-hot", "coordinates"], reader)

        guard !rows.isEmpty, reader.issues.isEmpty,
              ModelLimits.check(rows.count * rows[0].count, ModelLimits.maxGridCells, "cells (\(rows.count) rows of \(rows[0].count))",
                                at: root.key("layout"), reader)
        else { return nil }
        let wind = json["wind"].flatMap { Wind.read($0, rows: rows.count, columns: rows[0].count, reader) }
        guard reader.issues.isEmpty else { return nil }
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
        /// One cell from (r, c) in direction (dr, dc), or (r, c) itself when a wall or the edge is in the way.
        func moved(_ r: Int, _ c: Int, _ dr: Int, _ dc: Int) -> (Int, Int) {
            let nr = r + dr, nc = c + dc
            return nr < 0 || nr >= rowCount || nc < 0 || nc >= columnCount || types[nr][nc] == .wall ? (r, c) : (nr, nc)
        }
        for (s, cell) in cells.enumerated() where !terminal[s] {
            let here = rules[cell.row][cell.column]
            let cellDrift = here.drift ?? drift
            // The wind of the cell the move starts from: blown cell by cell, stopping at walls and edges.
            let gusts = wind?.gusts(row: cell.row, column: cell.column) ?? [(0, 1)]
            for (a, name) in actions.enumerated() {
                let intended = moves[name]!
                let directions: [(String?, (Int, Int), Double)] = [
                    (name, intended, cellDrift.intended),
                    (turned(name, left: true), (-intended.dc, intended.dr), cellDrift.left),
                    (turned(name, left: false), (intended.dc, -intended.dr), cellDrift.right),
                    (reversed(name), (-intended.dr, -intended.dc), cellDrift.back),
                    (nil, (0, 0), cellDrift.stay),
                ]
                for (move, (dr, dc), p) in directions where p > 0 {
                    // A one-way cell lets the agent out only through its exits.
                    let allowed = move.map { here.exits?.contains($0) ?? true } ?? true
                    var (r, c) = allowed ? moved(cell.row, cell.column, dr, dc) : (cell.row, cell.column)
                    let start = (r, c)
                    for (strength, q) in gusts where q > 0 {
                        (r, c) = start
                        for _ in 0..<strength { (r, c) = moved(r, c, wind!.dr, wind!.dc) }
                        let entered = r != cell.row || c != cell.column
                        let rule = rules[r][c]
                        let reward = living + (entered ? rule.reward : 0)
                        if entered, let teleport = rule.teleport {
                            let character = String(rows[r][rows[r].index(rows[r].startIndex, offsetBy: c)])
                            guard let targets = teleportTargets(teleport, at: legendPath.key(character).key("teleport")) else { continue }
                            for t in targets { builder.add(s, a, probability: p * q * t.probability, next: t.state, reward: reward) }
                        } else {
                            builder.add(s, a, probability: p * q, next: stateOfCell[r][c]!, reward: reward)
                        }
                    }
                }
            }
        }
        guard reader.issues.isEmpty else { return nil }
        let encoding: StateEncoding = observation == "coordinates" ? .coordinates(cells: cells, rows: rowCount, columns: columnCount)
            : observation == "one-hot" ? .oneHot : .index
        let model = builder.build(stateNames: names, actionNames: actions, terminal: terminal, start: start)
        let layout = GridLayout(rows: rows, columnCount: columnCount, types: types, cells: cells, stateOfCell: stateOfCell,
                                rewards: rules.map { $0.map(\.reward) })
        return TabularKind.definition(model: model, header: header, encoding: encoding, grid: layout, reader: reader)
    }

    /// The move 90 degrees to the left (or right) of `name`, and the opposite move.
    static func turned(_ name: String, left: Bool) -> String {
        let order = ["up", "right", "down", "left"]
        let i = order.firstIndex(of: name)!
        return order[(i + (left ? 3 : 1)) % 4]
    }

    static func reversed(_ name: String) -> String { turned(turned(name, left: true), left: true) }

    struct Drift { var intended = 1.0, left = 0.0, right = 0.0, back = 0.0, stay = 0.0 }

    /// A `"drift"` (the grid's, or a cell's): where a move goes; left and right are perpendicular to the
    /// intended direction.
    static func readDrift(_ node: OrderedJSON, at path: JSONPath, _ reader: SpecReader) -> Drift {
        guard reader.object(node, at: path) != nil else { return Drift() }
        let keys = ["intended", "left", "right", "back", "stay"]
        reader.checkMembers(node, at: path, allowed: keys, required: ["intended"])
        let values = keys.map { key in node[key] == nil ? 0 : reader.number(node[key], at: path.key(key), "a probability in [0, 1]") { $0 >= 0 && $0 <= 1 } ?? 0 }
        guard reader.checkDistribution(values, at: path, what: "drift") else { return Drift() }
        return Drift(intended: values[0], left: values[1], right: values[2], back: values[3], stay: values[4])
    }
}

/// `"wind"`: after its move, the agent is blown `strength` cells in `direction`, by the strength of the
/// column (for up and down) or row (for left and right) it moved from; a wall or the edge stops it.
/// With `variation` v, a cell with nonzero strength w blows w - v ... w + v cells, each equally likely
/// (Sutton and Barto's stochastic wind is v = 1).
struct Wind {
    let dr: Int, dc: Int
    /// By column for vertical wind, by row for horizontal wind.
    let strengths: [Int]
    let vertical: Bool
    let variation: Int

    static func read(_ node: OrderedJSON, rows: Int, columns: Int, _ reader: SpecReader) -> Wind? {
        let path = JSONPath.root.key("wind")
        guard reader.object(node, at: path) != nil else { return nil }
        reader.checkMembers(node, at: path, allowed: ["direction", "strength", "variation"], required: ["direction", "strength"])
        guard let direction = reader.string(node["direction"], at: path.key("direction")) else { return nil }
        guard let move = GridKind.moves[direction] else {
            reader.fail(path.key("direction"), "unknown direction '\(direction)'; wind blows up, right, down or left")
            return nil
        }
        let vertical = move.dc == 0
        let count = vertical ? columns : rows
        guard let items = reader.array(node["strength"], at: path.key("strength")) else { return nil }
        guard items.count == count else {
            reader.fail(path.key("strength"), "expected one strength per \(vertical ? "column" : "row") (\(count)), got \(items.count)")
            return nil
        }
        let strengths = items.enumerated().map { i, item in
            reader.integer(item, at: path.key("strength").index(i), "a whole number of cells, 0 or more") { $0 >= 0 && $0 <= 1000 } ?? 0
        }
        let variation = node["variation"] == nil ? 0
            : reader.integer(node["variation"], at: path.key("variation"), "a whole number of cells, 0 or more") { $0 >= 0 && $0 <= 1000 } ?? 0
        return Wind(dr: move.dr, dc: move.dc, strengths: strengths, vertical: vertical, variation: variation)
    }

    /// The strengths that may blow from (row, column), with their probabilities.
    func gusts(row: Int, column: Int) -> [(strength: Int, probability: Double)] {
        let w = strengths[vertical ? column : row]
        guard w > 0, variation > 0 else { return [(w, 1)] }
        // A strength below zero blows no cell and keeps its share of the probability.
        let p = 1 / Double(2 * variation + 1)
        return (w - variation...w + variation).map { (max($0, 0), p) }
    }
}
