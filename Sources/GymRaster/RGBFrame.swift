/// An image as `height` × `width` × 3 bytes, rows top to bottom, each pixel red, green, blue: the layout
/// of Gymnasium's `render_mode="rgb_array"` (a `uint8` array of shape `(height, width, 3)`).
public struct RGBFrame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `height * width * 3` bytes.
    public let bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * 3, "an RGB frame holds height × width × 3 bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// The colour at column `x`, row `y` (0-based, from the top left).
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let i = (y * width + x) * 3
        return (bytes[i], bytes[i + 1], bytes[i + 2])
    }
}
