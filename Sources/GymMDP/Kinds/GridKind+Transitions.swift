import Gym
import GymJSON
import GymTabular

/// The cells of a grid's layout, by the legend: their types, rules and states.
struct GridCells {
    var types: [[GridLayout.CellType]] = []
    var rules: [[GridKind.CellRule]] = []
    var cells: [GridCell] = []
    var stateOfCell: [[Int?]] = []
    let rows: [String]
    let columnCount: Int
    /// Each state's name, "row,column".
    var names: [String] { cells.map { "\($0.row),\($0.column)" } }
    var terminal: [Bool] { cells.map { types[$0.row][$0.column] == .terminal } }
    /// The start distribution: uniform over the start cells.
    let start: [(state: Int, probability: Double)]

    /// Nil, with the problems reported, when a character is not in the legend or there is no start cell.
    init?(rows: [String], legend: [Character: GridKind.CellRule], _ reader: SpecReader) {
        self.rows = rows
        columnCount = rows[0].count
        for (r, row) in rows.enumerated() {
            var typeRow: [GridLayout.CellType] = [], ruleRow: [GridKind.CellRule] = [], stateRow: [Int?] = []
            for (c, ch) in row.enumerated() {
                guard let rule = legend[ch] else {
                    reader.fail(JSONPath.root.key("layout").index(r), "character '\(ch)' at column \(c) is not in the legend")
                    typeRow.append(.wall); ruleRow.append(GridKind.CellRule(type: .wall, reward: 0)); stateRow.append(nil)
                    continue
                }
                typeRow.append(rule.type)
                ruleRow.append(rule)
                if rule.type == .wall { stateRow.append(nil) } else { stateRow.append(cells.count); cells.append(GridCell(row: r, column: c)) }
            }
            types.append(typeRow); rules.append(ruleRow); stateOfCell.append(stateRow)
        }
        let types = types, cells = cells
        let starts = cells.indices.filter { types[cells[$0].row][cells[$0].column] == .start }
        if starts.isEmpty { reader.fail(JSONPath.root.key("layout"), "the layout has no start cell (a legend entry of type \"start\")") }
        start = starts.map { (state: $0, probability: 1.0 / Double(starts.count)) }
        guard reader.issues.isEmpty else { return nil }
    }

    /// One cell from (r, c) in direction (dr, dc), or (r, c) itself when a wall or the edge is in the way.
    func moved(_ r: Int, _ c: Int, _ dr: Int, _ dc: Int) -> (Int, Int) {
        let nr = r + dr, nc = c + dc
        return nr < 0 || nr >= rows.count || nc < 0 || nc >= columnCount || types[nr][nc] == .wall ? (r, c) : (nr, nc)
    }
}

/// The transitions of a grid: each move with its drift, then the wind, then any teleport.
struct GridTransitions {
    let grid: GridCells
    let actions: [String]
    let living: Double
    let drift: GridKind.Drift
    let wind: Wind?
    let reader: SpecReader
    private(set) var builder: TabularModelBuilder
    private let names: [String], terminal: [Bool]

    init(grid: GridCells, actions: [String], living: Double, drift: GridKind.Drift, wind: Wind?, reader: SpecReader) {
        self.grid = grid
        self.actions = actions
        self.living = living
        self.drift = drift
        self.wind = wind
        self.reader = reader
        builder = TabularModelBuilder(stateCount: grid.cells.count, actionCount: actions.count)
        names = grid.names
        terminal = grid.terminal
    }

    /// Teleport targets: "start" (the start distribution) or a cell "r,c".
    private func teleportTargets(_ target: String, at path: JSONPath) -> [(state: Int, probability: Double)]? {
        if target == "start" { return grid.start }
        if let s = names.firstIndex(of: target), !terminal[s] { return [(s, 1)] }
        reader.fail(path, "teleport target '\(target)' is neither \"start\" nor a non-terminal, non-wall cell \"row,column\"")
        return nil
    }

    /// Adds every transition from every non-terminal state.
    mutating func build() {
        for (s, cell) in grid.cells.enumerated() where !terminal[s] {
            for (a, name) in actions.enumerated() { add(s, cell, a, name) }
        }
    }

    /// The transitions of move `name` (action `a`) from state `s`.
    private mutating func add(_ s: Int, _ cell: GridCell, _ a: Int, _ name: String) {
        let here = grid.rules[cell.row][cell.column]
        let cellDrift = here.drift ?? drift
        // The wind of the cell the move starts from: blown cell by cell, stopping at walls and edges.
        let gusts = wind?.gusts(row: cell.row, column: cell.column) ?? [(0, 1)]
        let intended = GridKind.moves[name]!
        let directions: [(String?, (Int, Int), Double)] = [
            (name, intended, cellDrift.intended),
            (GridKind.turned(name, left: true), (-intended.dc, intended.dr), cellDrift.left),
            (GridKind.turned(name, left: false), (intended.dc, -intended.dr), cellDrift.right),
            (GridKind.reversed(name), (-intended.dr, -intended.dc), cellDrift.back),
            (nil, (0, 0), cellDrift.stay),
        ]
        for (move, (dr, dc), p) in directions where p > 0 {
            // A one-way cell lets the agent out only through its exits.
            let allowed = move.map { here.exits?.contains($0) ?? true } ?? true
            let start = allowed ? grid.moved(cell.row, cell.column, dr, dc) : (cell.row, cell.column)
            for (strength, q) in gusts where q > 0 {
                var (r, c) = start
                for _ in 0..<strength { (r, c) = grid.moved(r, c, wind!.dr, wind!.dc) }
                enter(s, a, from: cell, to: (r, c), probability: p * q)
            }
        }
    }

    /// State `s` under action `a` ends in cell `(r, c)` with `probability`: its reward, and a teleport's targets.
    private mutating func enter(_ s: Int, _ a: Int, from cell: GridCell, to target: (Int, Int), probability: Double) {
        let (r, c) = target
        let entered = r != cell.row || c != cell.column
        let rule = grid.rules[r][c]
        let reward = living + (entered ? rule.reward : 0)
        if entered, let teleport = rule.teleport {
            let character = String(grid.rows[r][grid.rows[r].index(grid.rows[r].startIndex, offsetBy: c)])
            guard let targets = teleportTargets(teleport, at: GridKind.legendPath.key(character).key("teleport")) else { return }
            for t in targets { builder.add(s, a, probability: probability * t.probability, next: t.state, reward: reward) }
        } else {
            builder.add(s, a, probability: probability, next: grid.stateOfCell[r][c]!, reward: reward)
        }
    }
}
