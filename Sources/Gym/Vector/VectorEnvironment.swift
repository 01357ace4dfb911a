/// How a `VectorEnvironment` restarts copies whose episode ended.
public enum AutoresetMode: String, Sendable {
    /// Gymnasium 1.x's default: the step that ends an episode returns the final observation; on the
    /// copy's next step its action is ignored, the copy is reset, and that step returns the reset
    /// observation with reward 0 and both flags false.
    case nextStep = "next-step"
    /// The copy is reset within the step that ended its episode; the step returns the reset
    /// observation and puts the final one in `finalObservations`.
    case sameStep = "same-step"
}

/// `count` copies of one environment stepped together, their observations batched in one buffer.
///
/// Contract:
/// - `reset(seed: s)` resets copy `i` with seed `s + i` (or `nil` for all when `s` is nil).
/// - After `reset` and after each `step`, `observations` holds `count` rows of
///   `observationSpace.flatDimension` Floats (one-hot for discrete spaces, see `Space.flatten`), row `i`
///   for copy `i`; `rewards`, `terminated`, `truncated` and `infos` hold the last step's values per copy;
///   `observation(at:)` gives copy `i`'s observation exactly.
/// - Copies whose episode ended restart according to `autoresetMode`.
/// - Every copy is made by the factory and never shared; stepping is sequential and deterministic.
public final class VectorEnvironment {
    public let copies: [Environment]
    public let autoresetMode: AutoresetMode
    public let observationSpace: Space
    public let actionSpace: Space
    public var count: Int { copies.count }

    /// Row-major `count x observationSpace.flatDimension` observations.
    public var observations: [Float] { batch.observations }
    public var rewards: [Double] { batch.rewards }
    public var terminated: [Bool] { batch.terminated }
    public var truncated: [Bool] { batch.truncated }
    public var infos: [Info] { batch.infos }
    /// In `.sameStep` mode, the observation that ended copy `i`'s episode on the last step, else nil.
    public var finalObservations: [Observation?] { batch.finalObservations }

    /// Everything a step writes, in one private property: a step is one exclusive access to it instead
    /// of a dynamically checked access per copy and per array.
    private struct Batch {
        var observations: [Float]
        var rewards: [Double]
        var terminated: [Bool]
        var truncated: [Bool]
        var infos: [Info]
        var finalObservations: [Observation?]
        var current: [Observation]
        var needsReset: [Bool]
    }
    private var batch: Batch
    private let flatDimension: Int

    /// - Throws: `GymError.invalidArgument` when `count < 1` or the copies' spaces differ.
    public init(count: Int, autoresetMode: AutoresetMode = .nextStep, factory: () throws -> Environment) throws {
        guard count >= 1 else { throw GymError.invalidArgument("a VectorEnvironment needs at least one copy, got \(count)") }
        copies = try (0..<count).map { _ in try factory() }
        observationSpace = copies[0].observationSpace
        actionSpace = copies[0].actionSpace
        for (i, env) in copies.enumerated() where env.observationSpace != observationSpace || env.actionSpace != actionSpace {
            throw GymError.invalidArgument("VectorEnvironment copy \(i) has spaces different from copy 0")
        }
        self.autoresetMode = autoresetMode
        flatDimension = observationSpace.flatDimension
        batch = Batch(observations: Array(repeating: 0, count: count * flatDimension), rewards: Array(repeating: 0, count: count),
                      terminated: Array(repeating: false, count: count), truncated: Array(repeating: false, count: count),
                      infos: Array(repeating: [:], count: count), finalObservations: Array(repeating: nil, count: count),
                      current: Array(repeating: .discrete(0), count: count), needsReset: Array(repeating: true, count: count))
    }

    /// Copy `i`'s current observation.
    public func observation(at i: Int) -> Observation { batch.current[i] }

    private func store(_ observation: Observation, at i: Int, in batch: inout Batch) {
        batch.current[i] = observation
        observationSpace.flatten(observation, into: &batch.observations, at: i * flatDimension)
    }

    /// Resets every copy (copy `i` with seed `seed + i`).
    public func reset(seed: UInt64? = nil, options: ResetOptions = .none) throws {
        for i in copies.indices {
            try resetCopy(i, seed: seed.map { $0 &+ UInt64(i) }, options: options, in: &batch)
            batch.finalObservations[i] = nil
        }
    }

    /// Resets copy `i` and records its first observation with reward 0 and both flags false.
    private func resetCopy(_ i: Int, seed: UInt64?, options: ResetOptions, in batch: inout Batch) throws {
        let (observation, info) = try copies[i].reset(seed: seed, options: options)
        store(observation, at: i, in: &batch)
        batch.infos[i] = info
        batch.rewards[i] = 0
        batch.terminated[i] = false
        batch.truncated[i] = false
        batch.needsReset[i] = false
    }

    /// Steps every copy with its action (`actions[i]` for copy `i`).
    /// - Throws: `GymError.invalidArgument` for a wrong number of actions, or a copy's error.
    public func step(_ actions: [Action]) throws {
        guard actions.count == count else {
            throw GymError.invalidArgument("VectorEnvironment.step needs \(count) actions, got \(actions.count)")
        }
        try step(actions, into: &batch)
    }

    private func step(_ actions: [Action], into batch: inout Batch) throws {
        for i in 0..<copies.count {
            let env = copies[i]
            if batch.finalObservations[i] != nil { batch.finalObservations[i] = nil }
            if batch.needsReset[i] {
                try resetCopy(i, seed: nil, options: .none, in: &batch)
                continue
            }
            let step = try env.step(actions[i])
            batch.rewards[i] = step.reward
            batch.terminated[i] = step.terminated
            batch.truncated[i] = step.truncated
            batch.infos[i] = step.info
            if step.isLast && autoresetMode == .sameStep {
                batch.finalObservations[i] = step.observation
                let (observation, info) = try env.reset(seed: nil, options: .none)
                store(observation, at: i, in: &batch)
                batch.infos[i].merge(info) { old, _ in old }
            } else {
                store(step.observation, at: i, in: &batch)
                batch.needsReset[i] = step.isLast
            }
        }
    }
}
