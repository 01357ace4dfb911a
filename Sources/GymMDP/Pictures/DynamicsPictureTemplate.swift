import Gym
import GymExpressions

/// The compiled `render` section of a dynamics MDP: a program that evaluates every attribute of every
/// shape from the state, and how to turn those values into a `Picture`.
///
/// Attributes are in the file's world units, y up, inside the section's view box; the view box is
/// scaled uniformly to fit the canvas and centred. Stroke widths and font sizes are in pixels.
struct DynamicsPictureTemplate: Sendable {
    enum ShapeKind: String, Sendable, CaseIterable { case rect, circle, line, polyline, polygon, text }

    /// A piece of a text shape: literal characters, or the value of an expression.
    enum TextPiece: Sendable {
        case literal(String)
        case value(register: Int)
    }

    struct Shape: Sendable {
        var kind: ShapeKind
        /// The registers of the geometry in world units: rect x, y (lower-left corner), width, height;
        /// circle cx, cy, r; line x1, y1, x2, y2; polyline and polygon x, y of each point; text x, y.
        var geometry: [Int]
        var fill: PictureColor?
        var stroke: PictureColor?
        var strokeWidth: Int
        var opacity: Int
        /// A boolean register: the shape is drawn only when it is true.
        var visible: Int?
        var text: [TextPiece] = []
        var size: Int = 0
        var anchor: PictureShape.TextAnchor = .start
    }

    var width: Double
    var height: Double
    /// The world box shown: x from `view.xMin` to `view.xMax`, y from `view.yMin` (bottom) to `view.yMax` (top).
    var view: (xMin: Double, xMax: Double, yMin: Double, yMax: Double)
    var background: PictureColor
    var shapes: [Shape]
    /// Evaluates every attribute; the state variables are registers `0 ..< stateCount`.
    var program: Program
    var initialRegisters: [Double]
    var stateCount: Int

    /// The picture of `state` (the values of the state variables, in order).
    func picture(of state: [Double]) -> Picture {
        var registers = initialRegisters
        for i in 0..<min(stateCount, state.count) { registers[i] = state[i] }
        var rng = RandomSource(seed: 0)  // the section draws no random numbers
        registers.withUnsafeMutableBufferPointer { program.run($0.baseAddress!, &rng) }

        let scale = min(width / (view.xMax - view.xMin), height / (view.yMax - view.yMin))
        let left = (width - scale * (view.xMax - view.xMin)) / 2, bottom = (height - scale * (view.yMax - view.yMin)) / 2
        func px(_ r: Int) -> Double { left + (registers[r] - view.xMin) * scale }
        func py(_ r: Int) -> Double { height - bottom - (registers[r] - view.yMin) * scale }
        func length(_ r: Int) -> Double { registers[r] * scale }

        var picture = Picture(width: width, height: height, background: background)
        for shape in shapes {
            if let visible = shape.visible, registers[visible] == 0 { continue }
            let g = shape.geometry
            let geometry: PictureShape.Geometry
            switch shape.kind {
            case .rect:
                geometry = .rect(x: px(g[0]), y: py(g[1]) - length(g[3]), width: length(g[2]), height: length(g[3]))
            case .circle:
                geometry = .circle(cx: px(g[0]), cy: py(g[1]), r: length(g[2]))
            case .line:
                geometry = .line(x1: px(g[0]), y1: py(g[1]), x2: px(g[2]), y2: py(g[3]))
            case .polyline, .polygon:
                let points = stride(from: 0, to: g.count, by: 2).map { PicturePoint(px(g[$0]), py(g[$0 + 1])) }
                geometry = shape.kind == .polygon ? .polygon(points) : .polyline(points)
            case .text:
                let text = shape.text.map { piece -> String in
                    switch piece {
                    case .literal(let s): return s
                    case .value(let r): return SVGText.number(registers[r])
                    }
                }.joined()
                geometry = .text(x: px(g[0]), y: py(g[1]), text, size: registers[shape.size], anchor: shape.anchor)
            }
            picture.shapes.append(PictureShape(geometry, fill: shape.fill, stroke: shape.stroke,
                                               strokeWidth: registers[shape.strokeWidth], opacity: registers[shape.opacity]))
        }
        return picture
    }
}
