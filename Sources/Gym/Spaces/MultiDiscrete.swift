/// A vector of integers, element `i` in `0 ..< nvec[i]`: several discrete choices made together.
/// Flattened as concatenated one-hot vectors.
///
/// A caller may rely on: an action is contained exactly when it is `.integers` of length `nvec.count`
/// with every element in range; samples draw each element uniformly, in order.
///
/// ```swift
/// let space = try MultiDiscrete([3, 2])         // e.g. a direction and a button
/// space.rejection(of: .integers([2, 1]))        // nil: contained
/// space.rejection(of: .integers([3, 0]))        // "element 0 = 3 is outside 0...2"
/// ```
public struct MultiDiscrete: SpaceProtocol {
    /// The number of values of each element; every one at least 1.
    public let nvec: [Int]

    /// - Throws: `GymError.invalidArgument` for an empty `nvec` or a size below 1.
    public init(_ nvec: [Int]) throws {
        guard !nvec.isEmpty, nvec.allSatisfy({ $0 > 0 }) else {
            throw GymError.invalidArgument("MultiDiscrete needs a non-empty nvec of positive sizes, got \(nvec)")
        }
        self.nvec = nvec
    }

    private func rejection(ofValues v: [Int], _ value: CustomStringConvertible) -> String? {
        guard v.count == nvec.count else { return "expected \(nvec.count) integers, got \(v.count)" }
        for i in 0..<v.count where v[i] < 0 || v[i] >= nvec[i] {
            return "element \(i) = \(v[i]) is outside 0...\(nvec[i] - 1)"
        }
        return nil
    }

    public func rejection(of action: Action) -> String? {
        guard case .integers(let v) = action else { return "expected an array of \(nvec.count) integers, got \(action)" }
        return rejection(ofValues: v, action)
    }

    public func rejection(of observation: Observation) -> String? {
        guard case .integers(let v) = observation else { return "expected an array of \(nvec.count) integers, got \(observation)" }
        return rejection(ofValues: v, observation)
    }

    public func sampleAction(using rng: inout RandomSource) -> Action { .integers(nvec.map { rng.nextInt(below: $0) }) }
    public func sampleObservation(using rng: inout RandomSource) -> Observation { .integers(nvec.map { rng.nextInt(below: $0) }) }

    public var flatDimension: Int { nvec.reduce(0, +) }

    public func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int) {
        for k in offset..<(offset + flatDimension) { buffer[k] = 0 }
        guard case .integers(let v) = observation, v.count == nvec.count else { return }
        var base = offset
        for i in 0..<nvec.count {
            if v[i] >= 0 && v[i] < nvec[i] { buffer[base + v[i]] = 1 }
            base += nvec[i]
        }
    }

    public var json: JSONValue { ["type": "MultiDiscrete", "nvec": .array(nvec.map { .number(Double($0)) })] }
    public var description: String { "MultiDiscrete(\(nvec))" }
}
