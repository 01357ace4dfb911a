import Gym
import GymAgents

/// An environment found once, by id or file, with its parameter overrides; `make` makes as many instances as a run needs.
public struct ResolvedEnvironment {
    public let spec: EnvironmentSpec
    public let overrides: [String: Double]

    /// The environment of `spec`, with `overrides` of its declared parameters.
    public init(spec: EnvironmentSpec, overrides: [String: Double] = [:]) {
        self.spec = spec
        self.overrides = overrides
    }

    /// The registered environment `id`, or the JSON MDP file at that path (`Registry.spec`).
    /// - Throws: `GymError.unknownEnvironment` for an id that is neither.
    public init(id: String, overrides: [String: Double] = [:]) throws {
        self.init(spec: try Registry.shared.spec(id), overrides: overrides)
    }

    public var id: String { spec.id }

    /// A fresh instance with the standard checks (`Registry.make`).
    public func make() throws -> Environment { try Registry.shared.make(spec, overrides: overrides) }

    /// What `agent` trains on: a vector of fresh instances (same-step autoreset) when the agent trains on
    /// several copies (`num_envs` above 1), else a vector of one copy of `environment` (a fresh batch of it
    /// where it steps in batches, else `environment` itself).
    public func trainingTarget(for agent: Agent, environment: Environment) throws -> TrainingTarget {
        let copies = (agent as? VectorAgent)?.environmentCount ?? 1
        guard copies > 1 else {
            return TrainingTarget(vector: try VectorEnvironment(count: 1, autoresetMode: .sameStep, threads: 1) { environment })
        }
        return TrainingTarget(vector: try VectorEnvironment(count: copies, autoresetMode: .sameStep) { try make() })
    }
}
