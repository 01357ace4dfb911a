/// The integers `start ..< start + n`: a choice among `n` options. Flattened as a one-hot vector of
/// length `n`.
///
/// A caller may rely on: `contains(.discrete(i))` exactly for `start <= i < start + n`; any other action
/// (another integer, a vector) is rejected with a reason naming the value and the range; samples are
/// uniform over the `n` integers and take one `nextInt(below: n)` draw.
///
/// ```swift
/// let space = try Discrete(3, start: -1)                 // -1, 0 or 1
/// var rng = RandomSource(seed: 42)
/// let action = space.sampleAction(using: &rng)          // .discrete(-1), .discrete(0) or .discrete(1)
/// space.rejection(of: .discrete(2))                      // "2 is outside -1...1"
/// ```
public struct Discrete: SpaceProtocol {
    /// The number of elements; at least 1.
    public let n: Int
    /// The smallest element.
    public let start: Int

    /// - Throws: `GymError.invalidArgument` unless `n > 0`.
    public init(_ n: Int, start: Int = 0) throws {
        guard n > 0 else { throw GymError.invalidArgument("Discrete space needs n > 0, got \(n)") }
        self.n = n
        self.start = start
    }

    public func contains(_ i: Int) -> Bool { i >= start && i < start + n }

    private func rejection(ofIndex i: Int) -> String? {
        contains(i) ? nil : "\(i) is outside \(start)...\(start + n - 1)"
    }

    public func rejection(of action: Action) -> String? {
        guard case .discrete(let i) = action else { return "expected a single integer, got \(action)" }
        return rejection(ofIndex: i)
    }

    public func rejection(of observation: Observation) -> String? {
        guard case .discrete(let i) = observation else { return "expected a single integer, got \(observation)" }
        return rejection(ofIndex: i)
    }

    public func sampleAction(using rng: inout RandomSource) -> Action { .discrete(start + rng.nextInt(below: n)) }
    public func sampleObservation(using rng: inout RandomSource) -> Observation { .discrete(start + rng.nextInt(below: n)) }

    public var flatDimension: Int { n }

    public func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int) {
        for k in offset..<(offset + n) { buffer[k] = 0 }
        if case .discrete(let i) = observation, contains(i) { buffer[offset + i - start] = 1 }
    }

    public var json: JSONValue { ["type": "Discrete", "n": .number(Double(n)), "start": .number(Double(start))] }
    public var description: String { start == 0 ? "Discrete(\(n))" : "Discrete(\(n), start: \(start))" }
}
