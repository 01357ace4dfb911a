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
    public private(set) var observations: [Float]
    public private(set) var rewards: [Double]
    public private(set) var terminated: [Bool]
    public private(set) var truncated: [Bool]
    public private(set) var infos: [Info]
    /// In `.sameStep` mode, the observation that ended copy `i`'s episode on the last step, else nil.
    public private(set) var finalObservations: [Observation?]
    private var current: [Observation]
    private var needsReset: [Bool]

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
        observations = Array(repeating: 0, count: count * observationSpace.flatDimension)
        rewards = Array(repeating: 0, count: count)
        terminated = Array(repeating: false, count: count)
        truncated = Array(repeating: false, count: count)
        infos = Array(repeating: [:], count: count)
        finalObservations = Array(repeating: nil, count: count)
        current = Array(repeating: .discrete(0), count: count)
        needsReset = Array(repeating: true, count: count)
    }

    /// Copy `i`'s current observation.
    public func observation(at i: Int) -> Observation { current[i] }

    private func store(_ observation: Observation, at i: Int) {
        current[i] = observation
        observationSpace.flatten(observation, into: &observations, at: i * observationSpace.flatDimension)
    }

    /// Resets every copy (copy `i` with seed `seed + i`).
    public func reset(seed: UInt64? = nil, options: ResetOptions = .none) throws {
        for i in copies.indices {
            try resetCopy(i, seed: seed.map { $0 &+ UInt64(i) }, options: options)
            finalObservations[i] = nil
        }
    }

    /// Resets copy `i` and records its first observation with reward 0 and both flags false.
    private func resetCopy(_ i: Int, seed: UInt64?, options: ResetOptions) throws {
        let (observation, info) = try copies[i].reset(seed: seed, options: options)
        store(observation, at: i)
        infos[i] = info
        rewards[i] = 0
        terminated[i] = false
        truncated[i] = false
        needsReset[i] = false
    }

    /// Steps every copy with its action (`actions[i]` for copy `i`).
    /// - Throws: `GymError.invalidArgument` for a wrong number of actions, or a copy's error.
    public func step(_ actions: [Action]) throws {
        guard actions.count == count else {
            throw GymError.invalidArgument("VectorEnvironment.step needs \(count) actions, got \(actions.count)")
        }
        for (i, env) in copies.enumerated() {
            finalObservations[i] = nil
            if needsReset[i] {
                try resetCopy(i, seed: nil, options: .none)
                continue
            }
            let step = try env.step(actions[i])
            rewards[i] = step.reward
            terminated[i] = step.terminated
            truncated[i] = step.truncated
            infos[i] = step.info
            if step.isLast && autoresetMode == .sameStep {
                finalObservations[i] = step.observation
                let (observation, info) = try env.reset(seed: nil, options: .none)
                store(observation, at: i)
                infos[i].merge(info) { old, _ in old }
            } else {
                store(step.observation, at: i)
                needsReset[i] = step.isLast
            }
        }
    }
}
