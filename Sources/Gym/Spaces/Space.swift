/// An observation or action space.
///
/// Contract: `contains` is true exactly for the values an environment may return (observations) or
/// must accept (actions); `validate` throws `GymError.invalidAction` with a message naming the value and
/// the space otherwise. NaN and infinite numbers are never contained in a space with finite bounds.
///
/// ```swift
/// let space = Space.discrete(try Discrete(2))
/// try space.validate(.discrete(1))    // fine
/// try space.validate(.discrete(2))    // throws GymError.invalidAction:
///                                     // "invalid action 2: 2 is outside 0...1 (action space Discrete(2))"
/// ```
public enum Space: Hashable, Sendable, CustomStringConvertible {
    case discrete(Discrete)
    case box(Box)
    case multiDiscrete(MultiDiscrete)
    case multiBinary(MultiBinary)

    public var base: any SpaceProtocol {
        switch self {
        case .discrete(let s): return s
        case .box(let s): return s
        case .multiDiscrete(let s): return s
        case .multiBinary(let s): return s
        }
    }

    public var description: String { base.description }
    public var json: JSONValue { base.json }
    public var flatDimension: Int {
        switch self {  // not through `base`, which would allocate (see `rejection(of:)`)
        case .discrete(let s): return s.flatDimension
        case .box(let s): return s.flatDimension
        case .multiDiscrete(let s): return s.flatDimension
        case .multiBinary(let s): return s.flatDimension
        }
    }

    public func contains(_ action: Action) -> Bool { rejection(of: action) == nil }

    /// `base.rejection(of:)` without the existential: `base` boxes a `Box` (it holds arrays) on the heap,
    /// which would cost an allocation per checked step.
    public func rejection(of action: Action) -> String? {
        switch self {
        case .discrete(let s): return s.rejection(of: action)
        case .box(let s): return s.rejection(of: action)
        case .multiDiscrete(let s): return s.rejection(of: action)
        case .multiBinary(let s): return s.rejection(of: action)
        }
    }
    public func contains(_ observation: Observation) -> Bool { base.rejection(of: observation) == nil }

    /// Throws `GymError.invalidAction` unless `action` is an element of this space.
    @inline(__always)
    public func validate(_ action: Action) throws {
        // Fast path for the common case, without opening an existential.
        if case .discrete(let space) = self, case .discrete(let i) = action, space.contains(i) { return }
        if let reason = rejection(of: action) {
            throw GymError.invalidAction("invalid action \(action): \(reason) (action space \(self))")
        }
    }

    public func sampleAction(using rng: inout RandomSource) -> Action { base.sampleAction(using: &rng) }
    public func sampleObservation(using rng: inout RandomSource) -> Observation { base.sampleObservation(using: &rng) }

    /// The observation as a flat Float vector of length `flatDimension` (one-hot for discrete parts).
    public func flatten(_ observation: Observation) -> [Float] {
        var buffer = [Float](repeating: 0, count: flatDimension)
        flatten(observation, into: &buffer, at: 0)
        return buffer
    }

    /// Writes `flatten(observation)` into `buffer[offset..<offset + flatDimension]` without allocating.
    public func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int) {
        switch self {  // not through `base`, which would allocate (see `rejection(of:)`)
        case .discrete(let s): s.flatten(observation, into: &buffer, at: offset)
        case .box(let s): s.flatten(observation, into: &buffer, at: offset)
        case .multiDiscrete(let s): s.flatten(observation, into: &buffer, at: offset)
        case .multiBinary(let s): s.flatten(observation, into: &buffer, at: offset)
        }
    }

    /// The box, for `Box` spaces; nil otherwise.
    public var box: Box? { if case .box(let b) = self { return b } else { return nil } }

    /// The number of discrete elements, for `Discrete` spaces; nil otherwise.
    public var count: Int? { if case .discrete(let d) = self { return d.n } else { return nil } }
}
