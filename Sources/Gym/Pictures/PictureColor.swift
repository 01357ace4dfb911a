/// An opaque sRGB colour, written in pictures as `#rrggbb`.
///
/// ```swift
/// PictureColor(css: "#1f77b4")   // from hex
/// PictureColor(css: "teal")      // from one of the CSS names listed in `PictureColor.names`
/// ```
public struct PictureColor: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `#rgb`, `#rrggbb` or a name in ``names``; nil for anything else.
    public init?(css text: String) {
        let text = text.lowercased()
        if let named = Self.names[text] { self = named; return }
        guard text.first == "#", text.count == 4 || text.count == 7,
              text.dropFirst().allSatisfy(\.isHexDigit), let value = UInt32(text.dropFirst(), radix: 16) else { return nil }
        if text.count == 4 {
            func twice(_ nibble: UInt32) -> UInt8 { UInt8(nibble * 17) }
            self.init(red: twice(value >> 8 & 15), green: twice(value >> 4 & 15), blue: twice(value & 15))
        } else {
            self.init(red: UInt8(value >> 16 & 255), green: UInt8(value >> 8 & 255), blue: UInt8(value & 255))
        }
    }

    /// `#rrggbb`.
    public var css: String {
        let digits = Array("0123456789abcdef")
        return "#" + String([red, green, blue].flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    /// A colour between this one (`t` = 0) and `other` (`t` = 1).
    public func mixed(with other: PictureColor, _ t: Double) -> PictureColor {
        let t = t.isFinite ? min(max(t, 0), 1) : 0
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return PictureColor(red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
    }

    public static let white = PictureColor(red: 255, green: 255, blue: 255)
    public static let black = PictureColor(red: 0, green: 0, blue: 0)

    /// A colour by one of the names in ``names``; black for an unknown name.
    public static func named(_ name: String) -> PictureColor { names[name] ?? .black }

    /// The colour names a picture may use: CSS's basic colours and a few more.
    public static let names: [String: PictureColor] = {
        let table: [(String, UInt32)] = [
            ("black", 0x000000), ("white", 0xffffff), ("gray", 0x808080), ("grey", 0x808080), ("silver", 0xc0c0c0),
            ("lightgray", 0xd3d3d3), ("darkgray", 0xa9a9a9), ("red", 0xff0000), ("maroon", 0x800000), ("orange", 0xffa500),
            ("yellow", 0xffff00), ("gold", 0xffd700), ("olive", 0x808000), ("lime", 0x00ff00), ("green", 0x008000),
            ("teal", 0x008080), ("aqua", 0x00ffff), ("cyan", 0x00ffff), ("blue", 0x0000ff), ("navy", 0x000080),
            ("steelblue", 0x4682b4), ("purple", 0x800080), ("fuchsia", 0xff00ff), ("brown", 0xa52a2a), ("tan", 0xd2b48c),
            ("sienna", 0xa0522d), ("skyblue", 0x87ceeb), ("crimson", 0xdc143c), ("forestgreen", 0x228b22),
        ]
        return Dictionary(uniqueKeysWithValues: table.map {
            ($0.0, PictureColor(red: UInt8($0.1 >> 16 & 255), green: UInt8($0.1 >> 8 & 255), blue: UInt8($0.1 & 255)))
        })
    }()
}
