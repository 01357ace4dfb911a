/// What every space can do. Each concrete space (`Discrete`, `Box`, `MultiDiscrete`, `MultiBinary`)
/// implements it; `Space` wraps them so that environments stay non-generic.
public protocol SpaceProtocol: Hashable, Sendable, CustomStringConvertible {
    /// Why `action` is not an element of this space, or nil when it is.
    func rejection(of action: Action) -> String?
    /// Why `observation` is not an element of this space, or nil when it is.
    func rejection(of observation: Observation) -> String?
    /// A uniformly drawn action (for bounded spaces; see each space for unbounded ones).
    func sampleAction(using rng: inout RandomSource) -> Action
    /// A uniformly drawn observation (for bounded spaces; see each space for unbounded ones).
    func sampleObservation(using rng: inout RandomSource) -> Observation
    /// The length of `flatten`'s result.
    var flatDimension: Int { get }
    /// The observation as a flat Float vector for function approximators: one-hot for discrete parts.
    func flatten(_ observation: Observation, into buffer: inout [Float], at offset: Int)
    /// A JSON description: `{"type": "Discrete", "n": 4, "start": 0}` and so on (Specs/protocol.md).
    var json: JSONValue { get }
}

/// An observation or action space.
///
/// Contract: `contains` is true exactly for the values an environment may return (observations) or
/// must accept (actions); `validate` throws `GymError.invalidAction` with a message naming the value and
/// the space otherwise. NaN and infinite numbers are never contained in a space with finite bounds.
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
    private func rejection(of action: Action) -> String? {
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

    /// The number of discrete elements, for `Discrete` spaces; nil otherwise.
    public var count: Int? { if case .discrete(let d) = self { return d.n } else { return nil } }

    /// Reads a space from its JSON description (the inverse of `json`).
    public init(json: JSONValue) throws {
        guard let object = json.objectValue, let type = object["type"]?.stringValue else {
            throw GymError.invalidArgument("a space description needs an object with a string \"type\", got \(json)")
        }
        func ints(_ key: String) throws -> [Int] {
            guard let items = object[key]?.arrayValue else {
                throw GymError.invalidArgument("\(type) space needs an array \"\(key)\"")
            }
            return try items.map {
                guard let i = $0.intValue else { throw GymError.invalidArgument("\(type).\(key) holds a non-integer \($0)") }
                return i
            }
        }
        func bounds(_ key: String) throws -> [Double] {
            guard let items = object[key]?.arrayValue else {
                throw GymError.invalidArgument("Box space needs an array \"\(key)\"")
            }
            return try items.map { item in
                if let x = item.doubleValue { return x }
                if item.stringValue == "inf" { return .infinity }
                if item.stringValue == "-inf" { return -.infinity }
                throw GymError.invalidArgument("Box.\(key) holds \(item), expected a number, \"inf\" or \"-inf\"")
            }
        }
        switch type {
        case "Discrete":
            guard let n = object["n"]?.intValue else { throw GymError.invalidArgument("Discrete space needs an integer \"n\"") }
            self = .discrete(try Discrete(n, start: object["start"]?.intValue ?? 0))
        case "Box":
            self = .box(try Box(low: bounds("low"), high: bounds("high"), shape: object["shape"] == nil ? nil : ints("shape")))
        case "MultiDiscrete":
            self = .multiDiscrete(try MultiDiscrete(ints("nvec")))
        case "MultiBinary":
            guard let n = object["n"]?.intValue else { throw GymError.invalidArgument("MultiBinary space needs an integer \"n\"") }
            self = .multiBinary(try MultiBinary(n))
        default:
            throw GymError.invalidArgument("unknown space type '\(type)'; expected Discrete, Box, MultiDiscrete or MultiBinary")
        }
    }
}

/// A space together with its own seedable generator, for code that samples repeatedly
/// (Gymnasium's `space.seed(s); space.sample()`).
public final class SpaceSampler {
    public let space: Space
    public private(set) var rng: RandomSource

    public init(_ space: Space, seed: UInt64? = nil) {
        self.space = space
        rng = seed.map(RandomSource.init(seed:)) ?? .entropySeeded()
    }

    public func seed(_ seed: UInt64) { rng = RandomSource(seed: seed) }
    public func sampleAction() -> Action { space.sampleAction(using: &rng) }
    public func sampleObservation() -> Observation { space.sampleObservation(using: &rng) }
}
