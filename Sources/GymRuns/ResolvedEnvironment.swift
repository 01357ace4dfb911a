import Gym
import GymAgents

/// An environment found once, by id or file, with its parameter overrides; `make` makes as many instances as a run needs.
public struct ResolvedEnvironment {
    public let spec: EnvironmentSpec
    public let overrides: [String: Double]

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

    /// What `agent` trains on: `environment` itself, or a vector of fresh instances (same-step autoreset)
    /// when the agent trains on several copies (`num_envs` above 1).
    public func trainingTarget(for agent: Agent, environment: Environment) throws -> TrainingTarget {
        guard let vectorAgent = agent as? VectorAgent, vectorAgent.environmentCount > 1 else { return .single(environment) }
        return .vector(try VectorEnvironment(count: vectorAgent.environmentCount, autoresetMode: .sameStep) { try make() })
    }
}

/// One environment or a vector of copies, as a training run steps it, with its state to resume from.
public enum TrainingTarget {
    case single(Environment)
    case vector(VectorEnvironment)

    /// Its state (`Environment.savedState()`, `VectorEnvironment.snapshot()`); nil when it cannot save it.
    public func snapshot() -> EnvironmentSnapshot? {
        switch self {
        case .single(let env): return env.savedState()
        case .vector(let vector): return vector.snapshot()
        }
    }

    /// Whether `snapshot()` gives one.
    public var canSaveState: Bool {
        switch self {
        case .single(let env): return env.canSaveState
        case .vector(let vector): return vector.snapshot() != nil
        }
    }

    /// Puts back what `snapshot()` wrote.
    /// - Throws: `GymError.invalidArgument` when it cannot save its state, or for a snapshot that does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        switch self {
        case .single(let env): try env.restoreState(snapshot)
        case .vector(let vector): try vector.restore(snapshot)
        }
    }

    /// Trains `agent` with `trainer` on it; `resuming` and `checkpoint` are `Trainer.run`'s.
    public func train(_ agent: Agent, with trainer: Trainer, evaluationEnvironment: Environment, resuming: TrainerState? = nil,
               checkpoint: ((TrainerState) throws -> Void)? = nil, progress: ((TrainingProgress) -> Void)? = nil) throws {
        switch self {
        case .single(let env):
            try trainer.run(agent: agent, environment: env, evaluationEnvironment: evaluationEnvironment,
                            resuming: resuming, checkpoint: checkpoint, progress: progress)
        case .vector(let vector):
            try trainer.run(agent: agent as! VectorAgent, vector: vector, evaluationEnvironment: evaluationEnvironment,
                            resuming: resuming, checkpoint: checkpoint, progress: progress)
        }
    }
}
