import Gym
import GymExpressions
import GymJSON

/// Reads and compiles the optional `render` section of a dynamics file (Specs/mdp-format.md, Rendering):
/// a canvas, a view box in world units and a list of shapes whose attributes are numbers or expressions
/// of the state variables and parameters. Problems are recorded at their JSON paths (and columns).
struct DynamicsRenderSection {
    static let path = JSONPath.root.key("render")
    /// Shapes in one section, and points in one shape (also the `count` of a sampled curve).
    static let maxShapes = 1000
    static let maxPoints = 10_000

    private let reader: SpecReader
    private let compiler: ExpressionCompiler
    private let stateCount: Int
    private var scope: Scope

    /// Compiles `node` (the `render` member); nil when the section is absent or has errors.
    static func compile(_ node: OrderedJSON?, declarations: DynamicsDeclarations, actions: DynamicsActions,
                        parameters: [String: Double], reader: SpecReader) -> DynamicsPictureTemplate? {
        guard let node else { return nil }
        let section = DynamicsRenderSection(declarations: declarations, actions: actions, parameters: parameters, reader: reader)
        let issues = reader.issues.count
        let template = section.read(node)
        return reader.issues.count == issues ? template : nil
    }

    private init(declarations: DynamicsDeclarations, actions: DynamicsActions, parameters: [String: Double], reader: SpecReader) {
        self.reader = reader
        stateCount = declarations.stateNames.count
        compiler = ExpressionCompiler(fixedRegisters: stateCount)
        scope = Scope()
        scope.constants = parameters
        scope.allowsRandom = false
        for (i, name) in declarations.stateNames.enumerated() { scope.registers[name] = (Int32(i), .number) }
        for name in declarations.lets.map(\.name) + (actions.continuous?.names ?? []) + ["action", "t"] {
            scope.unavailable[name] = "cannot be used in render: a picture is a function of the state variables and parameters alone"
        }
    }

    private func read(_ node: OrderedJSON) -> DynamicsPictureTemplate? {
        let path = Self.path
        guard reader.object(node, at: path) != nil else { return nil }
        reader.checkMembers(node, at: path, allowed: ["width", "height", "view", "background", "shapes"], required: ["view", "shapes"])
        func pixels(_ key: String, _ otherwise: Double) -> Double {
            node[key] == nil ? otherwise
                : Double(reader.integer(node[key], at: path.key(key), "a whole number of pixels from 1 to \(Picture.maxPixels)") {
                    $0 >= 1 && $0 <= Picture.maxPixels } ?? Int(otherwise))
        }
        let width = pixels("width", 600), height = pixels("height", 400)
        let view = readView(node["view"], at: path.key("view"))
        let background = node["background"] == nil ? PictureColor.white : color(node["background"], at: path.key("background")) ?? .white
        var shapes: [DynamicsPictureTemplate.Shape] = []
        if let items = reader.array(node["shapes"], at: path.key("shapes")),
           ModelLimits.check(items.count, Self.maxShapes, "shapes", at: path.key("shapes"), reader) {
            for (i, item) in items.enumerated() { if let shape = readShape(item, at: path.key("shapes").index(i)) { shapes.append(shape) } }
        }
        guard let view else { return nil }
        return DynamicsPictureTemplate(width: width, height: height, view: view, background: background, shapes: shapes,
                                       program: compiler.takeProgram(), initialRegisters: compiler.initialRegisters,
                                       stateCount: stateCount)
    }

    /// `view`: `{"x": [min, max], "y": [min, max]}` in world units, constants.
    private func readView(_ node: OrderedJSON?, at path: JSONPath) -> (xMin: Double, xMax: Double, yMin: Double, yMax: Double)? {
        guard let node, reader.object(node, at: path) != nil else { return nil }
        reader.checkMembers(node, at: path, allowed: ["x", "y"], required: ["x", "y"])
        guard let x = DynamicsKind.bounds(node["x"], at: path.key("x"), count: 2, reader),
              let y = DynamicsKind.bounds(node["y"], at: path.key("y"), count: 2, reader) else { return nil }
        for (axis, range) in [("x", x), ("y", y)] where !(range[0] < range[1] && range[0].isFinite && range[1].isFinite) {
            reader.fail(path.key(axis), "the view needs finite bounds with min < max, got [\(range[0]), \(range[1])]")
            return nil
        }
        return (x[0], x[1], y[0], y[1])
    }

    /// A colour: `#rgb`, `#rrggbb`, a CSS name, or `"none"` (nil).
    private func color(_ node: OrderedJSON?, at path: JSONPath) -> PictureColor? {
        guard let text = reader.string(node, at: path) else { return nil }
        if text == "none" { return nil }
        guard let color = PictureColor(css: text) else {
            reader.fail(path, "'\(text)' is not a colour: write #rgb, #rrggbb, \"none\" or a name such as \"steelblue\" (Specs/mdp-format.md)")
            return nil
        }
        return color
    }

    /// Compiles a number or an expression into a fresh register; nil (with the error recorded) when it does not compile.
    private func value(_ node: OrderedJSON?, at path: JSONPath, _ type: ValueType = .number, in scope: Scope? = nil) -> Int? {
        guard let node else { reader.fail(path, "required member is missing"); return nil }
        let text: String
        switch node {
        case .number(let x): text = "(\(x))"
        case .string(let s): text = s.hasPrefix("$") ? String(s.dropFirst()) : s  // "$param", as elsewhere in the format
        case .bool(let b) where type == .boolean: text = b ? "true" : "false"
        default:
            reader.fail(path, "expected a number or an expression, got \(node.typeName)")
            return nil
        }
        return compile(text, type, in: scope ?? self.scope, at: path)
    }

    private func compile(_ text: String, _ type: ValueType, in scope: Scope, at path: JSONPath) -> Int? {
        let register = compiler.newRegister()
        do {
            try compiler.compile(text, into: register, expecting: type, scope: scope)
            return Int(register)
        } catch let error as ExpressionError {
            reader.fail(path.column(error.column), error.message)
        } catch {
            reader.fail(path, "\(error)")
        }
        return nil
    }

    /// A number, or an expression of parameters alone.
    private func constantNumber(_ node: OrderedJSON?, at path: JSONPath) -> Double? {
        guard case .string(let text) = node else { return node == nil ? nil : reader.number(node, at: path) }
        do {
            if let x = try ExpressionCompiler(fixedRegisters: 0).constantValue(text, scope: scope) { return x }
            reader.fail(path, "must be constant (numbers and parameters only), got '\(text)'")
        } catch let error as ExpressionError {
            reader.fail(path.column(error.column), error.message)
        } catch {
            reader.fail(path, "\(error)")
        }
        return nil
    }

    private func constant(_ x: Double) -> Int { compile("(\(x))", .number, in: scope, at: Self.path)! }

    private static let geometryMembers: [DynamicsPictureTemplate.ShapeKind: [String]] = [
        .rect: ["x", "y", "width", "height"], .circle: ["cx", "cy", "r"], .line: ["x1", "y1", "x2", "y2"],
        .polyline: ["points"], .polygon: ["points"], .text: ["x", "y", "text"],
    ]

    private func readShape(_ node: OrderedJSON, at path: JSONPath) -> DynamicsPictureTemplate.Shape? {
        guard reader.object(node, at: path) != nil, let name = reader.string(node["shape"], at: path.key("shape")) else {
            if case .object = node, node["shape"] == nil { reader.fail(path.key("shape"), "required member 'shape' is missing") }
            return nil
        }
        guard let kind = DynamicsPictureTemplate.ShapeKind(rawValue: name) else {
            let kinds = DynamicsPictureTemplate.ShapeKind.allCases.map(\.rawValue).joined(separator: ", ")
            reader.fail(path.key("shape"), "unknown shape '\(name)'; a shape is one of \(kinds)")
            return nil
        }
        let geometryKeys = Self.geometryMembers[kind]!
        let textKeys = kind == .text ? ["size", "anchor"] : []
        reader.checkMembers(node, at: path, allowed: ["shape"] + geometryKeys + textKeys + ["fill", "stroke", "stroke_width", "opacity", "visible"],
                            required: ["shape"] + geometryKeys)
        let issues = reader.issues.count
        let outlined = kind == .line || kind == .polyline
        let fill = node["fill"] == nil ? (outlined || node["stroke"] != nil ? nil : PictureColor.black) : color(node["fill"], at: path.key("fill"))
        let stroke = node["stroke"] == nil ? (outlined ? PictureColor.black : nil) : color(node["stroke"], at: path.key("stroke"))
        let strokeWidth = node["stroke_width"] == nil ? constant(1) : value(node["stroke_width"], at: path.key("stroke_width"))
        let opacity = node["opacity"] == nil ? constant(1) : value(node["opacity"], at: path.key("opacity"))
        let visible = node["visible"].flatMap { value($0, at: path.key("visible"), .boolean) }
        var geometry: [Int] = []
        if kind == .polyline || kind == .polygon {
            geometry = points(node["points"], at: path.key("points")) ?? []
        } else {
            for key in geometryKeys where key != "text" { if let r = value(node[key], at: path.key(key)) { geometry.append(r) } }
        }
        var shape = DynamicsPictureTemplate.Shape(kind: kind, geometry: geometry, fill: fill, stroke: stroke,
                                                  strokeWidth: strokeWidth ?? 0, opacity: opacity ?? 0, visible: visible)
        if kind == .text {
            shape.text = textPieces(node["text"], at: path.key("text"))
            shape.size = node["size"] == nil ? constant(14) : value(node["size"], at: path.key("size")) ?? 0
            if let anchor = node["anchor"].flatMap({ reader.string($0, at: path.key("anchor")) }) {
                if let a = PictureShape.TextAnchor(rawValue: anchor) { shape.anchor = a } else {
                    reader.fail(path.key("anchor"), "must be \"start\", \"middle\" or \"end\", got '\(anchor)'")
                }
            }
        }
        return reader.issues.count == issues ? shape : nil
    }

    /// `points`: a list of `[x, y]` pairs, or a curve sampled at `count` values of a variable:
    /// `{"for": "u", "from": a, "to": b, "count": n, "x": "...", "y": "..."}`.
    private func points(_ node: OrderedJSON?, at path: JSONPath) -> [Int]? {
        guard let node else { return nil }
        if case .array(let items) = node {
            guard ModelLimits.check(items.count, Self.maxPoints, "points", at: path, reader) else { return nil }
            guard items.count >= 2 else { reader.fail(path, "a shape needs at least 2 points, got \(items.count)"); return nil }
            var registers: [Int] = []
            for (i, item) in items.enumerated() {
                guard case .array(let pair) = item, pair.count == 2 else {
                    reader.fail(path.index(i), "a point is [x, y], two numbers or expressions")
                    return nil
                }
                guard let x = value(pair[0], at: path.index(i).index(0)), let y = value(pair[1], at: path.index(i).index(1)) else { return nil }
                registers += [x, y]
            }
            return registers
        }
        guard reader.object(node, at: path) != nil else { return nil }
        reader.checkMembers(node, at: path, allowed: ["for", "from", "to", "count", "x", "y"], required: ["for", "from", "to", "count", "x", "y"])
        guard let variable = reader.string(node["for"], at: path.key("for")),
              let from = constantNumber(node["from"], at: path.key("from")), let to = constantNumber(node["to"], at: path.key("to")),
              let count = reader.integer(node["count"], at: path.key("count"), "a whole number from 2 to \(Self.maxPoints)", { $0 >= 2 && $0 <= Self.maxPoints }),
              let xText = reader.string(node["x"], at: path.key("x")), let yText = reader.string(node["y"], at: path.key("y")) else { return nil }
        guard variable.first.map({ $0.isLetter || $0 == "_" }) == true, variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              scope.registers[variable] == nil, scope.constants[variable] == nil, scope.unavailable[variable] == nil,
              !ExpressionCompiler.reservedNames.contains(variable) else {
            reader.fail(path.key("for"), "'\(variable)' cannot name the curve's variable: it must be a new name, not a state variable, parameter or function")
            return nil
        }
        var registers: [Int] = []
        for k in 0..<count {
            var sample = scope
            sample.constants[variable] = from + (to - from) * Double(k) / Double(count - 1)
            guard let x = compile(xText, .number, in: sample, at: path.key("x")), let y = compile(yText, .number, in: sample, at: path.key("y")) else {
                return nil
            }
            registers += [x, y]
        }
        return registers
    }

    /// `text`: literal characters with `{expression}` parts, each written with at most two decimals.
    private func textPieces(_ node: OrderedJSON?, at path: JSONPath) -> [DynamicsPictureTemplate.TextPiece] {
        guard let text = reader.string(node, at: path) else { return [] }
        var pieces: [DynamicsPictureTemplate.TextPiece] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                reader.fail(path, "a '{' in the text has no matching '}'")
                return []
            }
            let expression = String(rest[rest.index(after: open)..<close])
            guard let register = compile(expression, .number, in: scope, at: path) else { return [] }
            pieces.append(.value(register: register))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }
}
