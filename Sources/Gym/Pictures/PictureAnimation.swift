import Foundation

/// An episode as one self-contained animated SVG: every frame is a group that is visible during its own
/// slot of the loop and hidden otherwise (SMIL `animate` of `visibility`, which browsers play without
/// scripts). A viewer that does not animate shows the first frame.
///
/// ```swift
/// var frames = [env.picture()!]                  // after reset
/// for action in actions {
///     _ = try env.step(action)
///     frames.append(env.picture()!)                // one frame per step
/// }
/// try PictureAnimation(frames: frames).svg.write(toFile: "episode.svg", atomically: true, encoding: .utf8)
/// ```
public struct PictureAnimation: Sendable {
    /// The frames, first to last; at least one.
    public var frames: [Picture]
    /// A caption under each frame (step, reward); empty for none.
    public var captions: [String]
    /// How long each frame shows.
    public var secondsPerFrame: Double

    /// The height of the caption strip under the frames, in pixels.
    static let captionHeight = 24.0

    public init(frames: [Picture], captions: [String] = [], secondsPerFrame: Double = 0.05) {
        self.frames = frames
        self.captions = captions
        self.secondsPerFrame = secondsPerFrame.isFinite && secondsPerFrame > 0 ? secondsPerFrame : 0.05
    }

    /// The canvas: the largest frame, plus the caption strip when there are captions.
    public var size: (width: Int, height: Int) {
        let width = frames.map(\.pixelSize.width).max() ?? 1, height = frames.map(\.pixelSize.height).max() ?? 1
        return (width, height + (captions.isEmpty ? 0 : Int(Self.captionHeight)))
    }

    /// The animation as a standalone SVG document.
    public var svg: String {
        let (width, height) = size
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
            + "font-family=\"DejaVu Sans, sans-serif\">\n" + svgElements + "</svg>\n"
    }

    /// The frame groups, for embedding in a larger SVG or HTML page.
    public var svgElements: String {
        let count = frames.count
        let duration = SVGText.number(max(secondsPerFrame * Double(count), 0.01))
        let stripTop = Double(frames.map(\.pixelSize.height).max() ?? 0)
        let width = Double(size.width)
        var out = "<rect width=\"\(size.width)\" height=\"\(size.height)\" fill=\"white\"/>\n"
        for (i, frame) in frames.enumerated() {
            out += "<g class=\"frame\" data-frame=\"\(i)\" visibility=\"\(i == 0 ? "visible" : "hidden")\">\n"
            if count > 1 { out += Self.visibility(frame: i, of: count, duration: duration) + "\n" }
            out += frame.svgElements
            if i < captions.count {
                // 13 px, smaller when the caption would not fit (about 0.6 em a character).
                let size = max(7, min(13, width / (0.62 * Double(max(captions[i].count, 1)))))
                out += "<text x=\"\(SVGText.number(width / 2))\" y=\"\(SVGText.number(stripTop + 17))\" font-size=\"\(SVGText.number(size))\" "
                    + "text-anchor=\"middle\" fill=\"#333333\">\(SVGText.escaped(captions[i]))</text>\n"
            }
            out += "</g>\n"
        }
        return out
    }

    /// The `animate` element that shows frame `i` of `count` during its slot of each loop.
    static func visibility(frame i: Int, of count: Int, duration: String) -> String {
        let (values, times): (String, String)
        if i == 0 {
            (values, times) = ("visible;hidden", "0;\(keyTime(1, count))")
        } else if i == count - 1 {
            (values, times) = ("hidden;visible", "0;\(keyTime(i, count))")
        } else {
            (values, times) = ("hidden;visible;hidden", "0;\(keyTime(i, count));\(keyTime(i + 1, count))")
        }
        return "<animate attributeName=\"visibility\" values=\"\(values)\" keyTimes=\"\(times)\" dur=\"\(duration)s\" "
            + "calcMode=\"discrete\" repeatCount=\"indefinite\"/>"
    }

    /// k / count in plain decimals, with enough digits that consecutive key times stay distinct.
    static func keyTime(_ k: Int, _ count: Int) -> String { String(format: "%.9f", Double(k) / Double(count)) }
}
