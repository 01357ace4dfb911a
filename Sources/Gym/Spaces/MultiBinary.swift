/// A vector of `n` bits, each 0 or 1. Flattened as the bits themselves.
///
/// A caller may rely on: an action is contained exactly when it is `.integers` of `n` zeros and ones;
/// samples draw each bit with probability 1/2, in order.
///
/// ```swift
/// let switches = try MultiBinary(3)
/// switches.rejection(of: .integers([1, 0, 1]))   // nil: contained
/// switches.rejection(of: .integers([1, 2, 0]))   // "element 1 = 2 is not 0 or 1"
/// ```
public struct MultiBinary: SpaceProtocol {
    /// The number of bits; at least 1.
    public let n: Int

    /// - Throws: `GymError.invalidArgument` unless `n > 0`.
    public init(_ n: Int) throws {
        guard n > 0 else { throw GymError.invalidArgument("MultiBinary needs n > 0, got \(n)") }
        self.n = n
    }

    private func rejection(ofBits v: [Int]) -> String? {
        guard v.count == n else { return "expected \(n) bits, got \(v.count)" }
        if let i = v.firstIndex(where: { $0 != 0 && $0 != 1 }) { return "element \(i) = \(v[i]) is not 0 or 1" }
        return nil
    }

    public func rejection(of action: Action) -> String? {
        guard case .integers(let v) = action else { return "expected an array of \(n) bits, got \(action)" }
        return rejection(ofBits: v)
    }

    public func rejection(of observation: Observation) -> String? {
        guard case .integers(let v) = observation else { return "expected an array of \(n) bits, got \(observation)" }
        return rejection(ofBits: v)
    }

    public func sampleAction(using rng: inout RandomSource) -> Action { .integers((0..<n).map { _ in rng.nextInt(below: 2) }) }
    public func sampleObservation(using rng: inout RandomSource) -> Observation { .integers((0..<n).map { _ in rng.nextInt(below: 2) }) }

    public var flatDimension: Int { n }

    public func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int) {
        guard case .integers(let v) = observation else { return }
        for i in 0..<min(n, v.count) { buffer[offset + i] = Float(v[i]) }
    }

    public var json: JSONValue { ["type": "MultiBinary", "n": .number(Double(n))] }
    public var description: String { "MultiBinary(\(n))" }
}
