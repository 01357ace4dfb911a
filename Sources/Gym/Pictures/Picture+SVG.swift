import Foundation

extension Picture {
    /// The picture as a standalone SVG document, `width` × `height` pixels. A shape with a coordinate that
    /// is not a finite number is left out.
    public var svg: String {
        let (w, h) = pixelSize
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
            + "font-family=\"DejaVu Sans, sans-serif\">\n" + svgElements + "</svg>\n"
    }

    /// The background and the shapes as SVG elements, one per line, for embedding in a larger document.
    public var svgElements: String {
        var out = "<rect width=\"\(SVGText.number(width))\" height=\"\(SVGText.number(height))\" fill=\"\(background.css)\"/>\n"
        for shape in shapes { if let element = shape.svgElement { out += element + "\n" } }
        return out
    }
}

extension PictureShape {
    /// The shape as one SVG element; nil when one of its numbers is not finite.
    public var svgElement: String? {
        let n = SVGText.number
        var numbers: [Double] = [strokeWidth, opacity]
        let body: String
        switch geometry {
        case let .rect(x, y, width, height, radius):
            numbers += [x, y, width, height, radius]
            body = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(width, 0)))\" height=\"\(n(max(height, 0)))\""
                + (radius > 0 ? " rx=\"\(n(radius))\"" : "")
        case let .circle(cx, cy, r):
            numbers += [cx, cy, r]
            body = "<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(max(r, 0)))\""
        case let .line(x1, y1, x2, y2):
            numbers += [x1, y1, x2, y2]
            body = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
        case .polyline(let points), .polygon(let points):
            numbers += points.flatMap { [$0.x, $0.y] }
            let tag = if case .polygon = geometry { "polygon" } else { "polyline" }
            body = "<\(tag) points=\"\(points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\""
        case let .text(x, y, text, size, anchor):
            numbers += [x, y, size]
            guard numbers.allSatisfy(\.isFinite) else { return nil }
            return "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\"\(paint)>"
                + SVGText.escaped(text) + "</text>"
        }
        guard numbers.allSatisfy(\.isFinite) else { return nil }
        return body + paint + "/>"
    }

    /// The fill, stroke and opacity attributes.
    private var paint: String {
        var out = " fill=\"\(fill?.css ?? "none")\""
        if let stroke { out += " stroke=\"\(stroke.css)\" stroke-width=\"\(SVGText.number(strokeWidth))\"" }
        if opacity < 1 { out += " opacity=\"\(SVGText.number(max(opacity, 0)))\"" }
        if case .line = geometry, stroke != nil { out += " stroke-linecap=\"round\"" }
        return out
    }
}

/// How SVG and HTML text is written: numbers to two decimals without trailing zeros, escaped text.
public enum SVGText {
    /// `x` with at most two decimals: 12, 3.5, -0.25.
    public static func number(_ x: Double) -> String {
        var text = String(format: "%.2f", x)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` with `&`, `<`, `>` and `"` escaped, for element content and attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
