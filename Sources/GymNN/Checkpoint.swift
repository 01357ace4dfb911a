import Foundation
import GymRandom

/// Errors reading or applying checkpoints.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case mismatch(String)

    public var description: String {
        switch self {
        case .unreadable(let m), .mismatch(let m): return m
        }
    }
}

/// A saved set of named tensors with a JSON description, in one file.
///
/// File layout (`swiftgym.checkpoint/1`): one line of JSON (the header: format, metadata, and for each
/// tensor its name, shape, and offset in floats), a newline, then every tensor's values as raw
/// little-endian IEEE-754 Float32, in header order. Networks are stored as their parameters plus an
/// architecture entry in the metadata, so that loading into a different architecture is an error.
public struct Checkpoint {
    public static let format = "swiftgym.checkpoint/1"

    public struct Tensor: Codable, Equatable {
        public var name: String
        public var shape: [Int]
        public var offset: Int
    }

    struct Header: Codable {
        var format: String
        var metadata: [String: String]
        var tensors: [Tensor]
        /// `checksum(header, body)`; absent in files written before it was recorded, which are read unchecked.
        var checksum: String?
    }

    /// Free-form string metadata: agent name, environment id, spaces, hyperparameters (JSON text).
    public var metadata: [String: String] = [:]
    public private(set) var tensors: [String: (shape: [Int], values: [Float])] = [:]
    /// The tensors' names in the order they were first set (the order they are written in).
    private(set) var order: [String] = []

    public init(metadata: [String: String] = [:]) { self.metadata = metadata }

    public mutating func set(_ name: String, shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count)
        if tensors[name] == nil { order.append(name) }
        tensors[name] = (shape, values)
    }

    public func values(_ name: String) throws -> [Float] {
        guard let t = tensors[name] else { throw CheckpointError.mismatch("the checkpoint has no tensor '\(name)'") }
        return t.values
    }

    /// The values of tensor `name`, which must hold `count` of them.
    public func values(_ name: String, count: Int) throws -> [Float] {
        let stored = try values(name)
        guard stored.count == count else { throw CheckpointError.mismatch("tensor \(name) has \(stored.count) values, expected \(count)") }
        return stored
    }

    /// Stores 64-bit words exactly, as metadata (`HexWords`).
    public mutating func set(_ name: String, words: [UInt64]) { metadata[name] = HexWords.encode(words) }

    /// The words stored under `name`; `count` of them when given.
    public func words(_ name: String, count: Int? = nil) throws -> [UInt64] {
        guard let text = metadata[name], let words = HexWords.decode(text), count.map({ $0 == words.count }) ?? true else {
            throw CheckpointError.mismatch("the checkpoint has no \(count.map { "\($0) " } ?? "")exact values '\(name)'")
        }
        return words
    }

    /// Stores a generator's state exactly.
    public mutating func set(_ name: String, generator: RandomSource) { set(name, words: generator.stateWords) }

    public func generator(_ name: String) throws -> RandomSource { RandomSource(stateWords: try words(name, count: 4))! }

    /// Stores a network's architecture and parameters under `name`.
    public mutating func set(_ name: String, network: MLP) {
        metadata["\(name).architecture"] = network.architectureDescription
        for (i, p) in network.parameters.enumerated() { set("\(name).\(i)", shape: p.shape, values: p.value) }
    }

    /// Loads the parameters stored under `name` into `network`, which must have the same architecture.
    public func load(_ name: String, into network: MLP) throws {
        guard let stored = metadata["\(name).architecture"] else {
            throw CheckpointError.mismatch("the checkpoint has no network '\(name)'")
        }
        guard stored == network.architectureDescription else {
            throw CheckpointError.mismatch("network '\(name)' in the checkpoint is \(stored), but this agent's is \(network.architectureDescription)")
        }
        for (i, p) in network.parameters.enumerated() {
            p.value = try values("\(name).\(i)", count: p.count)
        }
    }

    /// Stores an Adam optimiser's moments and step count under `name`.
    public mutating func set(_ name: String, adam: Adam) {
        metadata["\(name).steps"] = String(adam.stepCount)
        for (i, m) in adam.firstMoments.enumerated() { set("\(name).m\(i)", shape: [m.count], values: m) }
        for (i, v) in adam.secondMoments.enumerated() { set("\(name).v\(i)", shape: [v.count], values: v) }
    }

    public func load(_ name: String, into adam: Adam) throws {
        guard let steps = metadata["\(name).steps"].flatMap(Int.init) else { throw CheckpointError.mismatch("the checkpoint has no optimiser '\(name)'") }
        adam.stepCount = steps
        adam.firstMoments = try adam.firstMoments.indices.map { try values("\(name).m\($0)") }
        adam.secondMoments = try adam.secondMoments.indices.map { try values("\(name).v\($0)") }
        guard zip(adam.firstMoments, adam.parameters).allSatisfy({ $0.count == $1.count }),
              zip(adam.secondMoments, adam.parameters).allSatisfy({ $0.count == $1.count }) else {
            throw CheckpointError.mismatch("optimiser '\(name)' has moments of other sizes than the parameters")
        }
    }

    /// Writes the checkpoint atomically: to a temporary file beside `path`, flushed to disk, then renamed
    /// over `path`, so that a crash or a kill mid-write leaves the previous file as it was.
    public func write(to path: String) throws {
        var offset = 0
        var header = Header(format: Checkpoint.format, metadata: metadata, tensors: [], checksum: nil)
        var body = Data()
        for name in order {
            header.tensors.append(Tensor(name: name, shape: tensors[name]!.shape, offset: offset))
            offset += tensors[name]!.values.count
            let bits = tensors[name]!.values.map { $0.bitPattern.littleEndian }
            bits.withUnsafeBytes { body.append(contentsOf: $0) }
        }
        header.checksum = try Checkpoint.checksum(header, body)
        var data = try Checkpoint.encoder.encode(header)
        data.append(0x0A)
        data.append(body)
        try Checkpoint.writeAtomically(data, to: path)
    }

    /// Temporary file, fsync, rename: the file at `path` is always either the old one or the new one.
    static func writeAtomically(_ data: Data, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CheckpointError.unreadable("\(path): cannot write the checkpoint: \(String(cString: strerror(errno)))") }
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let problem = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CheckpointError.unreadable("\(path): cannot write the checkpoint: \(problem)")
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// FNV-1a 64, in hex, of the metadata and the tensor list (encoded with sorted keys, which is
    /// canonical) and the tensor bytes: a damaged file is refused rather than loaded.
    static func checksum(_ header: Header, _ body: Data) throws -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [try encoder.encode(header.metadata), try encoder.encode(header.tensors), body] {
            part.withUnsafeBytes { bytes in
                for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        return String(hash, radix: 16)
    }

    /// Reads a checkpoint file.
    /// - Throws: `CheckpointError.unreadable` naming the file for a missing file, a header that is not
    ///   a checkpoint's, another format version, a tensor whose shape or place is impossible, a file cut
    ///   short, and bytes that no longer match the recorded checksum.
    public static func read(from path: String) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError.unreadable("\(path): cannot read the checkpoint (does it exist?)")
        }
        return try parse(data, path: path)
    }

    /// Reads a checkpoint from its bytes; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws -> Checkpoint {
        guard let newline = data.firstIndex(of: 0x0A) else { throw CheckpointError.unreadable("\(path): not a SwiftGym checkpoint (no header line)") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline])
        } catch {
            throw CheckpointError.unreadable("\(path): not a SwiftGym checkpoint (unreadable header)")
        }
        guard header.format == Checkpoint.format else {
            throw CheckpointError.unreadable("\(path): checkpoint format '\(header.format)' is not supported (expected \(Checkpoint.format))")
        }
        let body = data[(newline + 1)...]
        if let recorded = header.checksum, recorded != (try? checksum(header, Data(body))) {
            throw CheckpointError.unreadable("\(path): the checkpoint is damaged (its tensors do not match the recorded checksum \(recorded))")
        }
        let floats = body.count / 4
        var checkpoint = Checkpoint(metadata: header.metadata)
        for tensor in header.tensors {
            var count = 1
            for dimension in tensor.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow, product <= floats else {
                    throw CheckpointError.unreadable("\(path): tensor '\(tensor.name)' has the impossible shape \(tensor.shape)")
                }
                count = product
            }
            guard tensor.offset >= 0, tensor.offset <= floats - count else {
                throw CheckpointError.unreadable("\(path): tensor '\(tensor.name)' lies beyond the end of the file (truncated?)")
            }
            let start = tensor.offset * 4
            var values = [Float](repeating: 0, count: count)
            body.withUnsafeBytes { bytes in
                for i in 0..<count {
                    let bits = bytes.loadUnaligned(fromByteOffset: start + i * 4, as: UInt32.self)
                    values[i] = Float(bitPattern: UInt32(littleEndian: bits))
                }
            }
            checkpoint.set(tensor.name, shape: tensor.shape, values: values)
        }
        return checkpoint
    }
}

extension MLP {
    /// A text description of the architecture: sizes and activations.
    public var architectureDescription: String {
        "MLP(\(sizes.map(String.init).joined(separator: "-")), \(activation.rawValue), output \(outputActivation.rawValue))"
    }
}
