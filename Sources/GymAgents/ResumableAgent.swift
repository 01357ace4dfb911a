import Gym
import GymNN

/// An agent whose whole training state can be saved and put back: besides what `save(into:)` writes
/// (what it has learned), its generator, its counters and schedules, and its replay buffer or
/// unfinished rollout.
///
/// Contract: an agent made with the same context and restored with `restoreTrainingState` acts and
/// learns, call for call, exactly as the one the state was saved from, so that a run resumed from a
/// training checkpoint (`gym train --resume`) gives the uninterrupted run's result bit for bit.
///
/// ```swift
/// var state = Checkpoint()
/// agent.saveTrainingState(into: &state)
/// let copy = try AgentRegistry.make(agent.name, context: sameContext) as! ResumableAgent
/// try copy.restoreTrainingState(from: state)   // copy now continues as agent would
/// ```
public protocol ResumableAgent: Agent {
    /// Writes everything `save(into:)` writes and the rest of the training state.
    func saveTrainingState(into checkpoint: inout Checkpoint)
    /// Puts back what `saveTrainingState` wrote.
    /// - Throws: `CheckpointError` or `AgentError.checkpoint` for a state that is missing or does not fit.
    func restoreTrainingState(from checkpoint: Checkpoint) throws
}

extension Checkpoint {
    /// Stores an observation exactly: its kind under `NAME.kind`, its values under `NAME`.
    public mutating func set(_ name: String, observation: Observation) {
        switch observation {
        case .discrete(let i): metadata[name + ".kind"] = "discrete"; set(name, ints: [i])
        case .integers(let v): metadata[name + ".kind"] = "integers"; set(name, ints: v)
        case .vector(let v): metadata[name + ".kind"] = "vector"; set(name, shape: [v.count], values: v)
        }
    }

    /// What `set(_:observation:)` wrote.
    /// - Throws: `CheckpointError` for a missing or damaged observation.
    public func observation(_ name: String) throws -> Observation {
        switch metadata[name + ".kind"] {
        case "discrete": return .discrete(try ints(name, count: 1)[0])
        case "integers": return .integers(try ints(name))
        case "vector": return .vector(try values(name))
        default: throw CheckpointError.mismatch("the checkpoint has no observation '\(name)'")
        }
    }

    /// Stores integers exactly.
    public mutating func set(_ name: String, ints: [Int]) { set(name, words: ints.map { UInt64(bitPattern: Int64($0)) }) }

    /// What `set(_:ints:)` wrote (`count` of them, when given).
    /// - Throws: `CheckpointError` for a missing entry or another count.
    public func ints(_ name: String, count: Int? = nil) throws -> [Int] { try words(name, count: count).map { Int(Int64(bitPattern: $0)) } }

    /// Stores doubles exactly (their bit patterns).
    public mutating func set(_ name: String, doubles: [Double]) { set(name, words: doubles.map(\.bitPattern)) }

    /// What `set(_:doubles:)` wrote (`count` of them, when given).
    /// - Throws: `CheckpointError` for a missing entry or another count.
    public func doubles(_ name: String, count: Int? = nil) throws -> [Double] { try words(name, count: count).map(Double.init(bitPattern:)) }

    /// Stores floats exactly (their bit patterns).
    public mutating func set(_ name: String, floats: [Float]) { set(name, words: floats.map { UInt64($0.bitPattern) }) }

    /// What `set(_:floats:)` wrote (`count` of them, when given).
    /// - Throws: `CheckpointError` for a missing entry or another count.
    public func floats(_ name: String, count: Int? = nil) throws -> [Float] {
        try words(name, count: count).map { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }
    }
}
