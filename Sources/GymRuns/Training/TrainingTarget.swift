import Gym
import GymAgents

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
