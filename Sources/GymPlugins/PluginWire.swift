import CGymPluginHost

/// The messages between `gym` and its plugin host (`gym plugin-host`), over one Unix socket.
///
/// A frame is a 4-byte little-endian payload length, then the payload: an operation byte and its
/// fields. Numbers are little-endian; a string is a 4-byte length and UTF-8 bytes; values are
/// doubles. Every request gets exactly one reply, whose first byte is `ok` or `failed` (then the
/// plugin's or the host's message); the fault reporter's frame (`GYM_FAULT_FRAME`) may come instead,
/// just before the host ends. Specs/plugin-abi.md describes the exchange.
enum PluginWire {
    enum Operation: UInt8 {
        /// → name, version, environment ids.
        case hello = 1
        /// environment id, configuration JSON → instance.
        case create = 2
        /// instance → present flag, description JSON.
        case describe = 3
        /// instance, observation width, action width → (nothing).
        case layout = 4
        /// instance, seed, has-seed flag, options JSON → status, message, observation values.
        case reset = 5
        /// lane count, then per lane: instance and action values → per lane: status, message, reward,
        /// terminated, truncated, observation values.
        case step = 6
        /// instance → (nothing).
        case destroy = 7
    }

    enum Reply: UInt8 {
        case ok = 0
        case failed = 1
        case fault = 0x7f  // GYM_FAULT_FRAME
    }

    /// The largest frame either side accepts: a reply larger than this is a broken host.
    static let maximumFrame = 1 << 30
}

/// Builds one frame in a reused buffer.
struct WireWriter {
    private(set) var bytes: [UInt8] = []

    /// Starts a new frame: room for the length, then the operation byte.
    mutating func start(_ operation: UInt8) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: [0, 0, 0, 0, operation])
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func double(_ value: Double) { u64(value.bitPattern) }

    mutating func doubles(_ values: UnsafePointer<Double>, count: Int) {
        for k in 0..<count { double(values[k]) }
    }

    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// The finished frame, with its length written in.
    mutating func finish() -> [UInt8] {
        let length = UInt32(bytes.count - 4).littleEndian
        withUnsafeBytes(of: length) { raw in for k in 0..<4 { bytes[k] = raw[k] } }
        return bytes
    }
}

/// Reads the fields of one received payload; every read is bounds-checked.
struct WireReader {
    struct Truncated: Error {}

    let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Truncated() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u32() throws -> UInt32 { try integer() }

    mutating func u64() throws -> UInt64 { try integer() }

    /// A little-endian unsigned integer of `T`'s width.
    private mutating func integer<T: FixedWidthInteger & UnsignedInteger>() throws -> T {
        let width = T.bitWidth / 8
        guard bytes.count - offset >= width else { throw Truncated() }
        var value: T = 0
        for k in 0..<width { value |= T(bytes[offset + k]) << (8 * k) }
        offset += width
        return value
    }

    mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    mutating func doubles(into values: UnsafeMutablePointer<Double>, count: Int) throws {
        guard bytes.count - offset >= 8 * count else { throw Truncated() }
        for k in 0..<count { values[k] = try double() }
    }

    mutating func string() throws -> String {
        let count = Int(try u32())
        guard bytes.count - offset >= count else { throw Truncated() }
        defer { offset += count }
        return String(decoding: bytes[offset ..< offset + count], as: UTF8.self)
    }
}
