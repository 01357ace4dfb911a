import Foundation
import Gym
import GymTabular

/// The drawing of a tabular model's state: its state graph, with the current state highlighted.
extension TabularModel {
    /// Models with more states are drawn as the current state's name alone.
    static let maxDrawnStates = 40

    /// The state graph: states on a circle (terminal ones with a double ring), an arrow from s to s' when
    /// some action leads there with positive probability, and `current` filled in.
    func picture(current: Int?) -> Picture {
        let count = stateCount
        guard count <= Self.maxDrawnStates else {
            var picture = Picture(width: 360, height: 60)
            let name = current.map { "state \(stateNames[$0]) (\($0 + 1) of \(count))" } ?? "\(count) states"
            picture.shapes.append(PictureShape(.text(x: 180, y: 36, name, size: 16, anchor: .middle), fill: .black))
            return picture
        }
        let size = 420.0, centre = size / 2
        let radius = count == 1 ? 0 : size / 2 - 50
        let node = min(28, max(12, 2.4 * radius / Double(max(count, 1))))
        let position = (0..<count).map { s -> PicturePoint in
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(s) / Double(count)
            return PicturePoint(centre + radius * cos(angle), centre + radius * sin(angle))
        }
        var picture = Picture(width: size, height: size)
        let edgeColor = PictureColor(red: 150, green: 150, blue: 150)
        for s in 0..<count {
            var targets = Set<Int>()
            for a in 0..<actionCount { for k in outcomes(s, a) where probabilities[k] > 0 && nextStates[k] != s { targets.insert(nextStates[k]) } }
            for t in targets.sorted() {
                let (from, to) = (position[s], position[t])
                let length = hypot(to.x - from.x, to.y - from.y)
                guard length > 2 * node else { continue }
                let (ux, uy) = ((to.x - from.x) / length, (to.y - from.y) / length)
                // Edges both ways are drawn side by side.
                let (ox, oy) = (-uy * 4, ux * 4)
                let start = PicturePoint(from.x + ux * node + ox, from.y + uy * node + oy)
                let tip = PicturePoint(to.x - ux * (node + 2) + ox, to.y - uy * (node + 2) + oy)
                picture.shapes.append(PictureShape(.line(x1: start.x, y1: start.y, x2: tip.x, y2: tip.y), stroke: edgeColor, strokeWidth: 1.5))
                picture.shapes.append(PictureShape(.polygon([
                    tip, PicturePoint(tip.x - ux * 9 - uy * 4, tip.y - uy * 9 + ux * 4), PicturePoint(tip.x - ux * 9 + uy * 4, tip.y - uy * 9 - ux * 4),
                ]), fill: edgeColor))
            }
        }
        let highlight = PictureColor(red: 31, green: 119, blue: 180)
        for s in 0..<count {
            let p = position[s], isCurrent = s == current
            picture.shapes.append(PictureShape(.circle(cx: p.x, cy: p.y, r: node), fill: isCurrent ? highlight : .white, stroke: .black,
                                               strokeWidth: 1.5))
            if terminal[s] { picture.shapes.append(PictureShape(.circle(cx: p.x, cy: p.y, r: node - 4), stroke: isCurrent ? .white : .black)) }
            picture.shapes.append(PictureShape(.text(x: p.x, y: p.y + node * 0.18, stateNames[s], size: max(8, node * 0.5), anchor: .middle),
                                               fill: isCurrent ? .white : .black))
        }
        return picture
    }
}
