import Gym
import GymJSON

/// The legend of a grid (what each layout character stands for) and its drifts.
extension GridKind {
    struct CellRule {
        var type: GridLayout.CellType
        var reward: Double
        var teleport: String?
        /// Where moves from this cell go, instead of the grid's `drift` (ice).
        var drift: Drift?
        /// The moves that may leave this cell (one-way cells); nil for all.
        var exits: Set<String>?
    }

    static let legendPath = JSONPath.root.key("legend")

    /// `"legend"`: character -> cell rule.
    static func readLegend(_ json: OrderedJSON, _ reader: SpecReader) -> [Character: CellRule] {
        var legend: [Character: CellRule] = [:]
        guard let members = reader.object(json["legend"], at: legendPath) else { return legend }
        for (key, value) in members {
            let path = legendPath.key(key)
            guard key.count == 1, let ch = key.first else { reader.fail(path, "legend keys are single characters, got '\(key)'"); continue }
            guard reader.object(value, at: path) != nil else { continue }
            if let rule = readCellRule(value, at: path, reader) { legend[ch] = rule }
        }
        return legend
    }

    /// One legend entry: its type, reward, teleport, drift and exits.
    static func readCellRule(_ value: OrderedJSON, at path: JSONPath, _ reader: SpecReader) -> CellRule? {
        reader.checkMembers(value, at: path, allowed: ["type", "reward", "teleport", "drift", "exits"], required: ["type"])
        guard let typeName = reader.string(value["type"], at: path.key("type")) else { return nil }
        guard let type = GridLayout.CellType(rawValue: typeName) else {
            reader.fail(path.key("type"), "unknown cell type '\(typeName)'; expected floor, wall, start or terminal")
            return nil
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
        return CellRule(type: type, reward: reward, teleport: teleport, drift: cellDrift, exits: exits)
    }

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
