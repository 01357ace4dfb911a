import Foundation

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
    }

    /// Free-form string metadata: agent name, environment id, spaces, hyperparameters (JSON text).
    public var metadata: [String: String] = [:]
    public private(set) var tensors: [String: (shape: [Int], values: [Float])] = [:]
    private var order: [String] = []

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
            let v = try values("\(name).\(i)")
            guard v.count == p.count else { throw CheckpointError.mismatch("tensor \(name).\(i) has \(v.count) values, expected \(p.count)") }
            p.value = v
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
        guard zip(adam.firstMoments, adam.parameters).allSatisfy({ $0.count == $1.count }) else {
            throw CheckpointError.mismatch("optimiser '\(name)' has moments of other sizes than the parameters")
        }
    }

    public func write(to path: String) throws {
        var offset = 0
        var header = Header(format: Checkpoint.format, metadata: metadata, tensors: [])
        for name in order {
            header.tensors.append(Tensor(name: name, shape: tensors[name]!.shape, offset: offset))
            offset += tensors[name]!.values.count
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(header)
        data.append(0x0A)
        for name in order {
            for x in tensors[name]!.values { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CheckpointError.unreadable("\(path): cannot write the checkpoint")
        }
    }

    public static func read(from path: String) throws -> Checkpoint {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError.unreadable("\(path): cannot read the checkpoint (does it exist?)")
        }
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
        var checkpoint = Checkpoint(metadata: header.metadata)
        for tensor in header.tensors {
            let count = tensor.shape.reduce(1, *)
            let start = body.startIndex + tensor.offset * 4
            guard tensor.offset >= 0, start + count * 4 <= body.endIndex else {
                throw CheckpointError.unreadable("\(path): tensor '\(tensor.name)' lies beyond the end of the file (truncated?)")
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                var bits: UInt32 = 0
                for b in 0..<4 { bits |= UInt32(body[start + i * 4 + b]) << (8 * b) }
                values[i] = Float(bitPattern: bits)
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
