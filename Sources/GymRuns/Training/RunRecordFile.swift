import Foundation
import Gym

/// Where a run stands, as its run.json says.
public enum RunStatus: String, Codable {
    case running, interrupted, finished
}

/// A run's record, DIR/run.json: a `Codable` value written and read here only, so that every number keeps
/// its type (a seed is a `UInt64`, written as an exact JSON integer) and every field keeps its name.
///
/// The text is compact JSON with sorted keys and unescaped slashes; numbers with no JSON form (an
/// infinite return) are written as the strings "Infinity", "-Infinity" and "NaN", and read back.
public protocol RunRecordFile: Codable {}

extension RunRecordFile {
    public static var fileName: String { "run.json" }

    /// The record's JSON text, as run.json holds it and `--json` prints it.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Writes DIR/run.json atomically.
    public func write(to directory: String) throws {
        try (try encoded() + "\n").write(toFile: directory + "/" + Self.fileName, atomically: true, encoding: .utf8)
    }

    /// Reads DIR/run.json.
    /// - Throws: `GymError.invalidArgument` naming the file: missing, not JSON, or a field that is missing or
    ///   of another type than the record's (a seed that is not a whole number from 0 to 2^64 - 1).
    public static func read(from directory: String) throws -> Self {
        let path = directory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GymError.invalidArgument("\(path): no such file; --resume takes the directory of a gym train run")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try decoder.decode(Self.self, from: data)
        } catch let error as DecodingError {
            throw GymError.invalidArgument("\(path): \(describe(error))")
        }
    }

    /// What is wrong, with the field's JSON path.
    private static func describe(_ error: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String { path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch error {
        case .keyNotFound(let key, let context):
            return "no usable '\(field(context.codingPath + [key]))' (it is missing)"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "no usable '\(field(context.codingPath))' (expected \(expectation(type)))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not a JSON object of a run (\(context.debugDescription))"
        case .dataCorrupted(let context):
            return "no usable '\(field(context.codingPath))' (\(context.debugDescription))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is UInt64.Type: return "a whole number from 0 to \(UInt64.max)"
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: return "\(type)"
        }
    }
}

/// A whole-number field of a run record, written as a JSON integer. Read, a number that does not fit
/// (-1 or 1.5 for a seed, a seed past 2^64 - 1) is an error that names the field: Foundation's decoder
/// reports it as JSON that is not valid, at no field.
@propertyWrapper
public struct WholeNumber<Value: FixedWidthInteger & Codable>: Codable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        do {
            wrappedValue = try container.decode(Value.self)
        } catch let error as DecodingError {
            throw error
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "expected a whole number from \(Value.min) to \(Value.max)",
                                                    underlyingError: error))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
