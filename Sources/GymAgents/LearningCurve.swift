import Foundation
import Gym

/// Writes learning curves as standalone SVG: one line per series (the mean) with a shaded band
/// (mean ± standard deviation), labelled axes, ticks on round numbers, and a legend to the right of
/// the plot, where it cannot cover the data.
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
        // The legend's column: wide enough for the longest label (about 7 px a character at 12 px).
        let legendWidth = 34 + 7 * Double(series.map(\.label.count).max() ?? 0)
        let width = 640 + legendWidth, height = 440.0, left = 70.0, right = legendWidth + 16, top = 40.0, bottom = 50.0
        let all = series.flatMap(\.points)
        let xScale = AxisScale(from: 0, to: max(all.map(\.step).max() ?? 1, 1))
        let yScale = AxisScale(from: all.map { $0.mean - $0.std }.min() ?? 0, to: all.map { $0.mean + $0.std }.max() ?? 1)
        let xMax = xScale.high, yMin = yScale.low, yMax = yScale.high
        func x(_ v: Double) -> Double { left + v / xMax * (width - left - right) }
        func y(_ v: Double) -> Double { top + (1 - (v - yMin) / (yMax - yMin)) * (height - top - bottom) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        out += "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">\(SVGText.escaped(title))</text>\n"
        // Axes, ticks and grid.
        out += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"black\"/>\n"
        for xv in xScale.ticks {
            out += "<text x=\"\(f(x(xv)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(xScale.label(xv))</text>\n"
        }
        for yv in yScale.ticks {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(yv)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(yv)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(yv) + 4))\" text-anchor=\"end\">\(yScale.label(yv))</text>\n"
        }
        out += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 12))\" text-anchor=\"middle\">\(SVGText.escaped(xLabel))</text>\n"
        out += "<text transform=\"translate(16,\(f((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(SVGText.escaped(yLabel))</text>\n"
        for (k, s) in series.enumerated() where !s.points.isEmpty {
            let color = colors[k % colors.count]
            let upper = s.points.map { "\(f(x($0.step))),\(f(y($0.mean + $0.std)))" }
            let lower = s.points.reversed().map { "\(f(x($0.step))),\(f(y($0.mean - $0.std)))" }
            out += "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
            out += "<polyline points=\"\(s.points.map { "\(f(x($0.step))),\(f(y($0.mean)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            let legendX = width - right + 16
            out += "<rect x=\"\(f(legendX))\" y=\"\(f(top + 8 + 18 * Double(k)))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
            out += "<text x=\"\(f(legendX + 18))\" y=\"\(f(top + 18 + 18 * Double(k)))\">\(SVGText.escaped(s.label))</text>\n"
        }
        return out + "</svg>\n"
    }
}

/// An axis from `low` to `high` whose ticks fall on round numbers: a step of 1, 2, 2.5 or 5 times a
/// power of ten, the one nearest a fifth of the range, and bounds that are ticks themselves (so
/// -1.69 ... 209 becomes -50 ... 250 in steps of 50).
public struct AxisScale: Equatable {
    public let low: Double
    public let high: Double
    public let step: Double

    public init(from low: Double, to high: Double, ticks target: Int = 5) {
        var (lo, hi) = (min(low, high), max(low, high))
        if hi - lo < 1e-9 { lo -= 1; hi += 1 }
        let raw = (hi - lo) / Double(max(target - 1, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        // The round step nearest the raw one (by ratio): 52.7 becomes 50, 70 becomes 50 or 100.
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!
        self.step = step
        self.low = (lo / step).rounded(.down) * step
        self.high = (hi / step).rounded(.up) * step
    }

    /// The tick values, low to high, computed from integers so that none carries rounding noise.
    public var ticks: [Double] {
        let first = Int((low / step).rounded()), last = Int((high / step).rounded())
        return (first...last).map { Double($0) * step }
    }

    /// A tick as people write it: as many decimals as the step needs, thousands as `k` past 10,000.
    public func label(_ value: Double) -> String {
        if step >= 1000, abs(high) >= 10_000, value != 0 {
            let k = value / 1000
            return (k == k.rounded() ? String(format: "%.0f", k) : String(format: "%.1f", k)) + "k"
        }
        // As many decimals as the step has: 2.5 needs one, 0.25 two, 50 none.
        var decimals = 0
        while decimals < 12, case let scaled = step * pow(10, Double(decimals)), abs(scaled - scaled.rounded()) > 1e-9 * scaled { decimals += 1 }
        let text = String(format: "%.\(decimals)f", value)
        return text == "-0" || text.hasPrefix("-0.") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
