/// A drawing of an environment's state: shapes on a canvas of `width` × `height` pixels, x to the
/// right and y down, painted in order over the background.
///
/// Pictures are values: an environment makes a new one from its current state each time it is asked
/// (``Environment/picture()``), and tools turn them into SVG (``svg``), animations
/// (``PictureAnimation``) or RGB frames.
///
/// ```swift
/// var picture = Picture(width: 120, height: 80)
/// picture.shapes.append(PictureShape(.circle(cx: 60, cy: 40, r: 20), fill: .named("steelblue")))
/// print(picture.svg)
/// ```
public struct Picture: Sendable, Equatable {
    /// The canvas size in pixels; positive and finite.
    public var width: Double
    public var height: Double
    public var background: PictureColor
    /// The shapes, painted first to last.
    public var shapes: [PictureShape]

    public init(width: Double, height: Double, background: PictureColor = .white, shapes: [PictureShape] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.shapes = shapes
    }

    /// The canvas size in whole pixels, at least 1 × 1: the shape of an RGB frame of this picture.
    public var pixelSize: (width: Int, height: Int) {
        func pixels(_ x: Double) -> Int { x.isFinite ? max(1, min(Int(x.rounded()), Picture.maxPixels)) : 1 }
        return (pixels(width), pixels(height))
    }

    /// The largest canvas side, in pixels, that a frame is drawn at.
    public static let maxPixels = 4096
}

/// A point in a picture's pixel coordinates.
public struct PicturePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// One shape of a picture, with its paint.
public struct PictureShape: Sendable, Equatable {
    /// Where the shape lies, in pixels.
    public enum Geometry: Sendable, Equatable {
        /// An axis-aligned rectangle from its top-left corner; `cornerRadius` rounds its corners.
        case rect(x: Double, y: Double, width: Double, height: Double, cornerRadius: Double = 0)
        case circle(cx: Double, cy: Double, r: Double)
        case line(x1: Double, y1: Double, x2: Double, y2: Double)
        /// An open path through the points.
        case polyline([PicturePoint])
        /// A closed path through the points.
        case polygon([PicturePoint])
        /// Text whose baseline starts (or is centred, or ends) at (x, y); `size` is the font size in pixels.
        case text(x: Double, y: Double, String, size: Double, anchor: TextAnchor)
    }

    /// Where a text's position lies along it.
    public enum TextAnchor: String, Sendable, Equatable { case start, middle, end }

    public var geometry: Geometry
    /// The interior's colour; nil leaves it unpainted.
    public var fill: PictureColor?
    /// The outline's colour; nil draws no outline.
    public var stroke: PictureColor?
    /// The outline's width in pixels.
    public var strokeWidth: Double
    /// From 0 (invisible) to 1 (opaque).
    public var opacity: Double

    public init(_ geometry: Geometry, fill: PictureColor? = nil, stroke: PictureColor? = nil, strokeWidth: Double = 1,
                opacity: Double = 1) {
        self.geometry = geometry
        self.fill = fill
        self.stroke = stroke
        self.strokeWidth = strokeWidth
        self.opacity = opacity
    }
}
