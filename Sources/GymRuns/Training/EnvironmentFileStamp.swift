import Foundation
import Gym
import GymAgents
import GymNN

/// The file an environment came from (a JSON MDP, a plugin) and the hash of its contents, as a run's
/// checkpoints record them (`environment_file`, `environment_hash`); taken once per run, so that a run
/// that writes a checkpoint at every evaluation reads the file once.
struct EnvironmentFileStamp: Equatable {
    let path: String
    let hash: String
}

extension AgentCheckpoint {
    /// `save(_:environmentID:environment:seed:to:environmentFile:)` with the file's hash taken beforehand.
    static func save(_ agent: Agent, environmentID: String, environment: Environment, seed: UInt64, to path: String,
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
}
