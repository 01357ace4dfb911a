#if canImport(Glibc)
import Glibc
#endif

/// A box in R^shape with per-element bounds `low[i] <= x[i] <= high[i]`; bounds may be infinite.
///
/// Observations are compared with the bounds rounded to Float; actions with the bounds as given.
/// NaN is never contained. Sampling: uniform where both bounds are finite, `low + Exp(1)` or
/// `high - Exp(1)` where one is, standard normal where neither is (as Gymnasium's `Box.sample`).
///
/// A caller may rely on: an action is contained exactly when it is `.continuous` with `size` numbers,
/// none NaN, each inside its bounds; an environment never clips one that is not (use `ClipAction`).
///
/// ```swift
/// let torque = try Box(low: -2, high: 2, shape: [1])
/// torque.rejection(of: .continuous([2.5]))       // "element 0 = 2.5 is outside [-2.0, 2.0]"
/// torque.rejection(of: .continuous([.nan]))      // NaN is never an element
/// var rng = RandomSource(seed: 1)
/// let action = torque.sampleAction(using: &rng)  // .continuous([x]) with -2 <= x <= 2
/// ```
public struct Box: SpaceProtocol {
    public let low: [Double]
    public let high: [Double]
    public let shape: [Int]

    /// - Parameters: `low` and `high` hold one bound per element (row-major); `shape` defaults to `[low.count]`.
    /// - Throws: `GymError.invalidArgument` for a non-positive dimension, a bound count that is not the
    ///   shape's size, a NaN bound or `low > high`.
    public init(low: [Double], high: [Double], shape: [Int]? = nil) throws {
        let shape = shape ?? [low.count]
        let size = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 > 0 }) else { throw GymError.invalidArgument("Box shape \(shape) has a non-positive dimension") }
        guard low.count == size, high.count == size else {
            throw GymError.invalidArgument("Box of shape \(shape) needs \(size) bounds, got \(low.count) low and \(high.count) high")
        }
        for i in 0..<size where !(low[i] <= high[i]) || low[i].isNaN {
            throw GymError.invalidArgument("Box bound \(i): low \(low[i]) must not exceed high \(high[i])")
        }
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// A box with the same bounds for every element.
    public init(low: Double, high: Double, shape: [Int]) throws {
        let size = shape.reduce(1, *)
        try self.init(low: Array(repeating: low, count: size), high: Array(repeating: high, count: size), shape: shape)
    }

    public var size: Int { low.count }
    public var isBounded: Bool { low.allSatisfy(\.isFinite) && high.allSatisfy(\.isFinite) }

    public func rejection(of action: Action) -> String? {
        guard case .continuous(let v) = action else { return "expected an array of \(size) numbers, got \(action)" }
        guard v.count == size else { return "expected \(size) numbers (shape \(shape)), got \(v.count)" }
        for i in 0..<size {
            if v[i].isNaN { return "element \(i) is NaN" }
            if !(v[i] >= low[i] && v[i] <= high[i]) { return "element \(i) = \(v[i]) is outside [\(low[i]), \(high[i])]" }
        }
        return nil
    }

    public func rejection(of observation: Observation) -> String? {
        guard case .vector(let v) = observation else { return "expected an array of \(size) numbers, got \(observation)" }
        guard v.count == size else { return "expected \(size) numbers (shape \(shape)), got \(v.count)" }
        for i in 0..<size {
            if v[i].isNaN { return "element \(i) is NaN" }
            if !(v[i] >= Float(low[i]) && v[i] <= Float(high[i])) {
                return "element \(i) = \(v[i]) is outside [\(low[i]), \(high[i])]"
            }
        }
        return nil
    }

    public func sampleValues(using rng: inout RandomSource) -> [Double] {
        (0..<size).map { i in
            switch (low[i].isFinite, high[i].isFinite) {
            case (true, true): return rng.uniform(low[i], high[i])
            case (true, false): return low[i] - log1pNegative(rng.nextDouble())
            case (false, true): return high[i] + log1pNegative(rng.nextDouble())
            case (false, false): return rng.nextNormal()
            }
        }
    }

    /// log(1 - u) for u in [0, 1): the negative of an Exp(1) draw.
    private func log1pNegative(_ u: Double) -> Double { log(1 - u) }

    public func sampleAction(using rng: inout RandomSource) -> Action { .continuous(sampleValues(using: &rng)) }

    public func sampleObservation(using rng: inout RandomSource) -> Observation {
        let values = sampleValues(using: &rng)
        // Clamp after rounding so that a draw near a bound stays inside the Float-rounded bounds.
        return .vector((0..<size).map { i in min(max(Float(values[i]), Float(low[i])), Float(high[i])) })
    }

    /// Clamps each element into its bounds (NaN stays NaN).
    public func clip(_ values: [Double]) -> [Double] {
        (0..<values.count).map { i in values[i].isNaN ? .nan : min(max(values[i], low[i]), high[i]) }
    }

    public var flatDimension: Int { size }

    public func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int) {
        if case .vector(let v) = observation {
            for i in 0..<min(v.count, size) { buffer[offset + i] = v[i] }
        }
    }

    public var json: JSONValue {
        func bound(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .string(x > 0 ? "inf" : "-inf") }
        return [
            "type": "Box",
            "low": .array(low.map(bound)),
            "high": .array(high.map(bound)),
            "shape": .array(shape.map { .number(Double($0)) }),
        ]
    }

    public var description: String {
        func text(_ xs: [Double]) -> String {
            if let first = xs.first, xs.allSatisfy({ $0 == first }) { return "\(first)" }
            return "[" + xs.map { "\($0)" }.joined(separator: ", ") + "]"
        }
        return "Box(\(text(low)), \(text(high)), shape \(shape))"
    }
}
