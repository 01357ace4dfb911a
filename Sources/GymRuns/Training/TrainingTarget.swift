import Gym
import GymAgents

/// The vector of copies a training run steps (one copy for one environment), with its state to resume from.
public struct TrainingTarget {
    public let vector: VectorEnvironment

    /// Trains on `vector`, which must reset in same-step mode (`Trainer.run(agent:vector:...)`).
    public init(vector: VectorEnvironment) {
        self.vector = vector
    }

    /// Its state (`VectorEnvironment.snapshot()`); nil when it cannot save it.
    public func snapshot() -> EnvironmentSnapshot? { vector.snapshot() }

    /// Whether `snapshot()` gives one.
    public var canSaveState: Bool { vector.snapshot() != nil }

    /// Puts back what `snapshot()` wrote.
    /// - Throws: `GymError.invalidArgument` when it cannot save its state, or for a snapshot that does not fit.
    public func restore(_ snapshot: EnvironmentSnapshot) throws { try vector.restore(snapshot) }

    /// Trains `agent` with `trainer` on it; `resuming` and `checkpoint` are `Trainer.run`'s.
    public func train(_ agent: Agent, with trainer: Trainer, evaluationEnvironment: Environment, resuming: TrainerState? = nil,
                      checkpoint: ((TrainerState) throws -> Void)? = nil, progress: ((TrainingProgress) -> Void)? = nil) throws {
        try trainer.run(agent: agent, vector: vector, evaluationEnvironment: evaluationEnvironment,
                        resuming: resuming, checkpoint: checkpoint, progress: progress)
    }
}
