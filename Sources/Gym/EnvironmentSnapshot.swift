/// An environment whose whole state (its generator, where the episode is, the model's state) can be
/// written out and put back, so that an interrupted training run continues exactly where it stopped
/// (`gym train --resume`).
///
/// Contract: an environment restored from `snapshot()` behaves, call for call, exactly as the one the
/// snapshot was taken from would have: the same observations, rewards, flags and random draws.
/// `restore` accepts only snapshots of an environment made the same way (same file, same parameters).
///
/// ```swift
/// let saved = env.snapshot()
/// let a = try env.step(.discrete(1))
/// try env.restore(saved)
/// let b = try env.step(.discrete(1))   // a == b
/// ```
public protocol SnapshottingEnvironment: Environment {
    /// Everything the environment's future depends on.
    func snapshot() -> EnvironmentSnapshot
    /// Puts back a snapshot of an environment made the same way.
    /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit.
    func restore(_ snapshot: EnvironmentSnapshot) throws
}

/// The state of an environment as named text entries, with every number written exactly (as its bit
/// pattern), so that a restored environment draws and computes the very same values.
public struct EnvironmentSnapshot: Equatable, Sendable {
    public var entries: [String: String]

    public init(entries: [String: String] = [:]) { self.entries = entries }

    public mutating func set(_ key: String, _ values: [UInt64]) {
        entries[key] = HexWords.encode(values)
    }

    public mutating func set(_ key: String, doubles: [Double]) { set(key, doubles.map(\.bitPattern)) }

    public mutating func set(_ key: String, int: Int) { entries[key] = String(int) }

    public mutating func set(_ key: String, generator: RandomSource) { set(key, generator.stateWords) }

    public mutating func set(_ key: String, phase: EpisodePhase) {
        entries[key] = phase == .needsReset ? "needs-reset" : phase == .running ? "running" : "ended"
    }

    /// Where an episode is: the generator, the steps taken since reset and the phase.
    public mutating func setEpisode(generator: RandomSource, elapsed: Int, phase: EpisodePhase) {
        set("generator", generator: generator)
        set("elapsed", int: elapsed)
        set("phase", phase: phase)
    }

    /// What `setEpisode` wrote.
    public func episode() throws -> (generator: RandomSource, elapsed: Int, phase: EpisodePhase) {
        (try generator("generator"), try int("elapsed"), try phase("phase"))
    }

    public func words(_ key: String, count: Int? = nil) throws -> [UInt64] {
        guard let text = entries[key] else { throw GymError.invalidArgument("the snapshot has no '\(key)'") }
        guard let values = HexWords.decode(text), count.map({ $0 == values.count }) ?? true else {
            throw GymError.invalidArgument("the snapshot's '\(key)' is not \(count.map { "\($0) " } ?? "")hexadecimal words")
        }
        return values
    }

    public func doubles(_ key: String, count: Int? = nil) throws -> [Double] { try words(key, count: count).map(Double.init(bitPattern:)) }

    public func int(_ key: String) throws -> Int {
        guard let value = entries[key].flatMap({ Int($0) }) else { throw GymError.invalidArgument("the snapshot has no integer '\(key)'") }
        return value
    }

    public func generator(_ key: String) throws -> RandomSource { RandomSource(stateWords: try words(key, count: 4))! }

    public func phase(_ key: String) throws -> EpisodePhase {
        switch entries[key] {
        case "needs-reset": return .needsReset
        case "running": return .running
        case "ended": return .ended
        default: throw GymError.invalidArgument("the snapshot has no episode phase '\(key)'")
        }
    }
}
