import Foundation
import Gym
import GymNN

/// Saving and loading agents with the environment they were trained on recorded, so that a checkpoint
/// cannot silently be used on another environment.
public enum AgentCheckpoint {
    /// Writes the agent's learned state with what it was trained on.
    /// - Parameter environmentFile: the file the environment came from (a JSON MDP, a plugin), recorded
    ///   with a hash of its contents so that `gym act` and `gym evaluate` can find it again by id.
    public static func save(_ agent: Agent, environmentID: String, environment: Environment, seed: UInt64, to path: String,
                            environmentFile: String? = nil) throws {
        let stamp = environmentFile.flatMap { file in contentHash(of: file).map { EnvironmentFileStamp(path: file, hash: $0) } }
        try save(agent, environmentID: environmentID, environment: environment, seed: seed, to: path, stamp: stamp)
    }

    /// `save(_:environmentID:environment:seed:to:environmentFile:)` with the file's hash taken beforehand
    /// (a run takes it once, however many checkpoints it writes).
    public static func save(_ agent: Agent, environmentID: String, environment: Environment, seed: UInt64, to path: String,
                            stamp: EnvironmentFileStamp?) throws {
        var checkpoint = Checkpoint(metadata: [
            "agent": agent.name, "environment": environmentID,
            "observation_space": environment.observationSpace.json.encoded(), "action_space": environment.actionSpace.json.encoded(),
            "settings": JSONValue.object(agent.settings.mapValues { .string($0) }).encoded(), "seed": "\(seed)",
        ])
        if let stamp {
            checkpoint.metadata["environment_file"] = URL(fileURLWithPath: stamp.path).standardizedFileURL.path
            checkpoint.metadata["environment_hash"] = stamp.hash
        }
        agent.save(into: &checkpoint)
        try checkpoint.write(to: path)
    }

    /// Reads a checkpoint and rebuilds its agent for `environment`, which must have the recorded spaces.
    /// - Parameters:
    ///   - environmentID: when given, must equal the recorded id.
    ///   - actingSeed: seeds the agent's own draws (exploration, sampled actions); the training seed by
    ///     default. An agent whose generator is seeded like the environment's draws the same numbers
    ///     as the environment, which correlates its actions with the environment's chance.
    public static func load(from path: String, environment: Environment, environmentID: String? = nil,
                            actingSeed: UInt64? = nil) throws -> (Agent, Checkpoint) {
        try load(try Checkpoint.read(from: path), path: path, environment: environment, environmentID: environmentID, actingSeed: actingSeed)
    }

    /// Rebuilds the agent of a checkpoint already read (from `path`, which names it in errors), as
    /// `load(from:environment:environmentID:actingSeed:)` does.
    public static func load(_ checkpoint: Checkpoint, path: String, environment: Environment, environmentID: String? = nil,
                            actingSeed: UInt64? = nil) throws -> (Agent, Checkpoint) {
        guard let name = checkpoint.metadata["agent"], let recordedID = checkpoint.metadata["environment"] else {
            throw AgentError.checkpoint("\(path): not an agent checkpoint (no agent or environment recorded)")
        }
        if let environmentID, environmentID != recordedID {
            throw AgentError.checkpoint("\(path) was trained on \(recordedID), not \(environmentID)")
        }
        let observation = environment.observationSpace.json.encoded(), action = environment.actionSpace.json.encoded()
        guard checkpoint.metadata["observation_space"] == observation, checkpoint.metadata["action_space"] == action else {
            throw AgentError.checkpoint("\(path) was trained on \(recordedID) with observation space \(checkpoint.metadata["observation_space"] ?? "?") "
                + "and action space \(checkpoint.metadata["action_space"] ?? "?"), which differ from this environment's")
        }
        var settings: [String: String] = [:]
        if let text = checkpoint.metadata["settings"], let data = text.data(using: .utf8),
           let object = try? JSONDecoder().decode([String: String].self, from: data) { settings = object }
        let seed = try actingSeed ?? recordedSeed(checkpoint, path: path) ?? 0
        let agent = try AgentRegistry.make(name, context: AgentContext(environment: environment, seed: seed, settings: Settings(settings)))
        try agent.restore(from: checkpoint)
        return (agent, checkpoint)
    }

    /// The training seed a checkpoint records (in decimal, all 64 bits); nil for one that records none.
    /// - Throws: `AgentError.checkpoint` naming `path` for a seed that is not a whole number from 0 to 2^64 - 1.
    public static func recordedSeed(_ checkpoint: Checkpoint, path: String) throws -> UInt64? {
        guard let text = checkpoint.metadata["seed"] else { return nil }
        guard let seed = UInt64(text) else {
            throw AgentError.checkpoint("\(path): the recorded seed '\(text)' is not a whole number from 0 to \(UInt64.max)")
        }
        return seed
    }

    /// The FNV-1a 64-bit hash of a file's bytes, in hex; nil when it cannot be read.
    public static func contentHash(of path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { bytes in   // not Data's iterator, a call per byte: a checkpoint is written at evaluations
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return String(hash, radix: 16)
    }
}
