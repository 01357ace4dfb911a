import Gym
import GymJSON
import GymTabular

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

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let root = JSONPath.root
        let rows = readLayout(json, reader)
        let legend = readLegend(json, reader)
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
        guard reader.issues.isEmpty, let grid = GridCells(rows: rows, legend: legend, reader) else { return nil }
        var transitions = GridTransitions(grid: grid, actions: actions, living: living, drift: drift, wind: wind, reader: reader)
        transitions.build()
        guard reader.issues.isEmpty else { return nil }
        let encoding: StateEncoding = observation == "coordinates" ? .coordinates(cells: grid.cells, rows: rows.count, columns: grid.columnCount)
            : observation == "one-hot" ? .oneHot : .index
        let model = transitions.builder.build(stateNames: grid.names, actionNames: actions, terminal: grid.terminal, start: grid.start)
        let layout = GridLayout(rows: rows, columnCount: grid.columnCount, types: grid.types, cells: grid.cells, stateOfCell: grid.stateOfCell,
                                rewards: grid.rules.map { $0.map(\.reward) })
        return TabularKind.definition(model: model, header: header, encoding: encoding, grid: layout, reader: reader)
    }

    /// `"layout"`: equal-length strings, one a row.
    static func readLayout(_ json: OrderedJSON, _ reader: SpecReader) -> [String] {
        let path = JSONPath.root.key("layout")
        var rows: [String] = []
        guard let items = reader.array(json["layout"], at: path, nonEmpty: true) else { return rows }
        for (i, item) in items.enumerated() {
            guard let row = reader.string(item, at: path.index(i)) else { continue }
            if row.isEmpty { reader.fail(path.index(i), "rows must not be empty") }
            if let first = rows.first, row.count != first.count {
                reader.fail(path.index(i), "row has \(row.count) cells but row 0 has \(first.count): the layout must be rectangular")
            }
            rows.append(row)
        }
        return rows
    }

    /// The move 90 degrees to the left (or right) of `name`, and the opposite move.
    static func turned(_ name: String, left: Bool) -> String {
        let order = ["up", "right", "down", "left"]
        let i = order.firstIndex(of: name)!
        return order[(i + (left ? 3 : 1)) % 4]
    }

    static func reversed(_ name: String) -> String { turned(turned(name, left: true), left: true) }
}
