import Gym
import GymJSON

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
