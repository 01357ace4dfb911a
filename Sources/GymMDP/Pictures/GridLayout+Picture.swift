import Foundation
import Gym

/// Drawings of a grid: the cells with walls, start and terminal cells (with their rewards) and the
/// agent; and the value map of a solved grid, a heatmap with the greedy policy's arrows.
extension GridLayout {
    /// The side of a cell in pixels: 96, smaller for grids wider or taller than 6 cells.
    var cellSize: Double { max(8, min(96, 576 / Double(max(columnCount, rows.count)))) }

    static let wallColor = PictureColor(red: 64, green: 64, blue: 64)
    static let floorColor = PictureColor.white
    static let startColor = PictureColor(red: 222, green: 235, blue: 247)
    static let gainColor = PictureColor(red: 44, green: 160, blue: 44)
    static let lossColor = PictureColor(red: 214, green: 39, blue: 40)
    static let agentColor = PictureColor(red: 31, green: 119, blue: 180)

    /// The grid with the agent at `state` (nil: no agent).
    public func picture(agentAt state: Int?) -> Picture {
        var picture = canvas()
        forEachCell { r, c, x, y in
            let type = types[r][c]
            var fill = GridLayout.floorColor
            switch type {
            case .wall: fill = GridLayout.wallColor
            case .start: fill = GridLayout.startColor
            case .terminal: fill = terminalFill(rewards[r][c])
            case .floor: if rewards[r][c] != 0 { fill = rewardColor(rewards[r][c]).mixed(with: .white, 0.8) }
            }
            picture.shapes.append(cellSquare(x, y, fill: fill))
            if type != .wall, rewards[r][c] != 0 { picture.shapes.append(cellLabel(x, y, JSONValue.format(rewards[r][c]), bold: type == .terminal)) }
        }
        if let state, state >= 0, state < cells.count {
            let cell = cells[state], s = cellSize
            picture.shapes.append(PictureShape(.circle(cx: (Double(cell.column) + 0.5) * s, cy: (Double(cell.row) + 0.5) * s, r: s * 0.3),
                                               fill: GridLayout.agentColor, stroke: .white, strokeWidth: 2))
        }
        return picture
    }

    /// The value map: each open cell coloured by its value (red below zero, green above, white at zero,
    /// scaled by the largest magnitude), the value written in it, and an arrow for the policy's action;
    /// terminal cells show the reward for entering them. `values` and `policy` are indexed by state;
    /// actions named up, right, down or left get arrows, others none.
    /// `title` lines are written above the grid.
    public func valueMap(values: [Double], policy: [Int]?, actionNames: [String], title: [String] = []) -> Picture {
        let top = 22 * Double(title.count) + (title.isEmpty ? 0 : 8)
        var picture = canvas(extraTop: top)
        // Wide enough for the title (about 0.6 em per character at 14 px), the grid centred under it.
        picture.width = max(picture.width, 16 + 8.4 * Double(title.map(\.count).max() ?? 0))
        let left = (picture.width - Double(columnCount) * cellSize) / 2
        let scale = values.map(abs).filter(\.isFinite).max().map { $0 > 0 ? $0 : 1 } ?? 1
        let s = cellSize
        forEachCell(left: left, top: top) { r, c, x, y in
            guard let state = stateOfCell[r][c], state < values.count else {
                picture.shapes.append(cellSquare(x, y, fill: GridLayout.wallColor))
                return
            }
            let terminal = types[r][c] == .terminal
            if terminal {
                // Worth 0 once entered: the cell shows the reward for entering it.
                picture.shapes.append(cellSquare(x, y, fill: terminalFill(rewards[r][c])))
                picture.shapes.append(cellLabel(x, y, JSONValue.format(rewards[r][c]), bold: true))
                return
            }
            let v = values[state]
            picture.shapes.append(cellSquare(x, y, fill: PictureColor.white.mixed(with: rewardColor(v), abs(v) / scale * 0.75)))
            picture.shapes.append(PictureShape(.text(x: x + s / 2, y: y + s * 0.86, String(format: "%.3f", v),
                                                     size: max(7, s * 0.2), anchor: .middle), fill: .black))
            if let policy, state < policy.count, policy[state] < actionNames.count,
               let arrow = arrow(actionNames[policy[state]], x + s / 2, y + s * 0.42, length: s * 0.5) {
                picture.shapes.append(arrow)
            }
        }
        for (i, line) in title.enumerated() {
            picture.shapes.append(PictureShape(.text(x: picture.width / 2, y: 19 + 22 * Double(i), line, size: 14, anchor: .middle), fill: .black))
        }
        return picture
    }

    private func canvas(extraTop: Double = 0) -> Picture {
        Picture(width: Double(columnCount) * cellSize, height: Double(rows.count) * cellSize + extraTop)
    }

    private func forEachCell(left: Double = 0, top: Double = 0, _ body: (Int, Int, Double, Double) -> Void) {
        for r in rows.indices { for c in 0..<columnCount { body(r, c, left + Double(c) * cellSize, top + Double(r) * cellSize) } }
    }

    private func rewardColor(_ reward: Double) -> PictureColor { reward < 0 ? GridLayout.lossColor : GridLayout.gainColor }

    /// A terminal cell: green for a gain, red for a loss, grey-blue (a hole) for none.
    private func terminalFill(_ reward: Double) -> PictureColor {
        reward == 0 ? PictureColor(red: 176, green: 190, blue: 204) : rewardColor(reward).mixed(with: .white, 0.55)
    }

    private func cellSquare(_ x: Double, _ y: Double, fill: PictureColor) -> PictureShape {
        PictureShape(.rect(x: x, y: y, width: cellSize, height: cellSize), fill: fill, stroke: PictureColor(red: 160, green: 160, blue: 160))
    }

    private func cellLabel(_ x: Double, _ y: Double, _ text: String, bold: Bool) -> PictureShape {
        PictureShape(.text(x: x + cellSize / 2, y: y + cellSize * (bold ? 0.62 : 0.9), text, size: max(7, cellSize * (bold ? 0.3 : 0.18)),
                           anchor: .middle), fill: .black)
    }

    /// An arrow centred at (cx, cy) pointing in direction `name`; nil for a name that is not a direction.
    private func arrow(_ name: String, _ cx: Double, _ cy: Double, length: Double) -> PictureShape? {
        let directions: [String: (Double, Double)] = ["up": (0, -1), "right": (1, 0), "down": (0, 1), "left": (-1, 0)]
        guard let (dx, dy) = directions[name] else { return nil }
        let h = length / 2, w = length * 0.22
        let tip = PicturePoint(cx + dx * h, cy + dy * h), tail = PicturePoint(cx - dx * h, cy - dy * h)
        let neck = PicturePoint(cx + dx * (h - 2 * w), cy + dy * (h - 2 * w))
        let shaft = w * 0.35
        return PictureShape(.polygon([
            PicturePoint(tail.x - dy * shaft, tail.y + dx * shaft), PicturePoint(neck.x - dy * shaft, neck.y + dx * shaft),
            PicturePoint(neck.x - dy * w, neck.y + dx * w), tip, PicturePoint(neck.x + dy * w, neck.y - dx * w),
            PicturePoint(neck.x + dy * shaft, neck.y - dx * shaft), PicturePoint(tail.x + dy * shaft, tail.y - dx * shaft),
        ]), fill: PictureColor(red: 40, green: 40, blue: 40))
    }
}
