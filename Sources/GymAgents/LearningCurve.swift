import Foundation

/// Writes learning curves as standalone SVG: one line per series (the mean) with a shaded band
/// (mean ± standard deviation), labelled axes and a legend.
public enum LearningCurve {
    public struct Series {
        public var label: String
        /// (step, mean, standard deviation) points in step order.
        public var points: [(step: Double, mean: Double, std: Double)]
        public init(label: String, points: [(step: Double, mean: Double, std: Double)]) {
            self.label = label
            self.points = points
        }
    }

    static let colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    public static func svg(title: String, xLabel: String = "environment steps", yLabel: String = "evaluation return", series: [Series]) -> String {
        let width = 720.0, height = 440.0, left = 70.0, right = 20.0, top = 40.0, bottom = 50.0
        let all = series.flatMap(\.points)
        let xMax = max(all.map(\.step).max() ?? 1, 1)
        var yMin = all.map { $0.mean - $0.std }.min() ?? 0, yMax = all.map { $0.mean + $0.std }.max() ?? 1
        if yMax - yMin < 1e-9 { yMin -= 1; yMax += 1 }
        let pad = (yMax - yMin) * 0.05
        yMin -= pad; yMax += pad
        func x(_ v: Double) -> Double { left + v / xMax * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - (v - yMin) / (yMax - yMin)) * (height - top - bottom) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(escape(title))</text>\n"
        // Axes, ticks and grid.
        out += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"black\"/>\n"
        for i in 0...5 {
            let xv = xMax * Double(i) / 5, yv = yMin + (yMax - yMin) * Double(i) / 5
            out += "<text x=\"\(f(x(xv)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(tick(xv))</text>\n"
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(yv)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(yv)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(yv) + 4))\" text-anchor=\"end\">\(tick(yv))</text>\n"
        }
        out += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        out += "<text transform=\"translate(16,\(f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"
        for (k, s) in series.enumerated() where !s.points.isEmpty {
            let color = colors[k % colors.count]
            let upper = s.points.map { "\(f(x($0.step))),\(f(y($0.mean + $0.std)))" }
            let lower = s.points.reversed().map { "\(f(x($0.step))),\(f(y($0.mean - $0.std)))" }
            out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            out += "<polyline points=\"\(s.points.map { "\(f(x($0.step))),\(f(y($0.mean)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            out += "<rect x=\"\(f(left + 12))\" y=\"\(f(top + 8 + 18 * Double(k)))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
            out += "<text x=\"\(f(left + 30))\" y=\"\(f(top + 18 + 18 * Double(k)))\">\(escape(s.label))</text>\n"
        }
        return out + "</svg>\n"
    }

    static func tick(_ v: Double) -> String {
        if abs(v) >= 10_000 { return String(format: "%.0fk", v / 1000) }
        if abs(v) >= 100 || v == v.rounded() { return String(format: "%.0f", v) }
        return String(format: "%.2f", v)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
