import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymNN

/// The options of every command that runs one environment: an id or file, parameter overrides, and
/// plugins to load first.
struct EnvironmentOptions: ParsableArguments {
    @Argument(help: "An environment id (see `gym list`) or a path to a JSON MDP file.")
    var environment: String

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var plugins: PluginOptions

    /// Loads the plugins, reads the overrides and finds the environment's spec, once per command.
    func resolve() throws -> ResolvedEnvironment {
        try plugins.load()
        let overrides = try parameters.overrides()
        return ResolvedEnvironment(spec: try Registry.shared.spec(environment), overrides: overrides)
    }

    /// As `resolve()`, but an id that is not registered is looked for in the file the checkpoint
    /// records having been trained from (saying so on standard error).
    func resolve(orFileOf checkpoint: Checkpoint) throws -> ResolvedEnvironment {
        try plugins.load()
        let overrides = try parameters.overrides()
        return ResolvedEnvironment(spec: try specOrRecordedFile(environment, checkpoint: checkpoint), overrides: overrides)
    }
}

/// The spec of `id`, or, when `id` is not registered but is the id `checkpoint` was trained on, the
/// spec of the file the checkpoint recorded.
func specOrRecordedFile(_ id: String, checkpoint: Checkpoint) throws -> EnvironmentSpec {
    do {
        return try Registry.shared.spec(id)
    } catch GymError.unknownEnvironment(let unknown, let suggestions) {
        guard checkpoint.metadata["environment"] == id, let file = checkpoint.metadata["environment_file"],
              FileManager.default.fileExists(atPath: file) else { throw GymError.unknownEnvironment(id: unknown, suggestions: suggestions) }
        let changed = AgentCheckpoint.contentHash(of: file) != checkpoint.metadata["environment_hash"]
        printError("note: \(id) is not registered; using \(file), the file the checkpoint was trained on"
            + (changed ? " (it has changed since then)" : ""))
        return try Registry.shared.spec(file)
    }
}

/// An environment named on the command line, found once; `make` makes as many instances as a command needs.
struct ResolvedEnvironment {
    let spec: EnvironmentSpec
    let overrides: [String: Double]

    var id: String { spec.id }

    /// A fresh instance with the standard checks (`Registry.make`).
    func make() throws -> Environment { try Registry.shared.make(spec, overrides: overrides) }

    /// What `agent` trains on: a vector of fresh instances (same-step autoreset) when the agent trains on
    /// several copies (`num_envs` above 1), else a vector of one copy of `environment` (a fresh batch of it
    /// where it steps in batches, else `environment` itself).
    func trainingTarget(for agent: Agent, environment: Environment) throws -> TrainingTarget {
        let copies = (agent as? VectorAgent)?.environmentCount ?? 1
        guard copies > 1 else {
            return TrainingTarget(vector: try VectorEnvironment(count: 1, autoresetMode: .sameStep, threads: 1) { environment })
        }
        return TrainingTarget(vector: try VectorEnvironment(count: copies, autoresetMode: .sameStep) { try make() })
    }
}

/// The vector of copies a training run steps (one copy for one environment), with its state to resume from.
struct TrainingTarget {
    let vector: VectorEnvironment

    /// Its state (`VectorEnvironment.snapshot()`); nil when it cannot save it.
    func snapshot() -> EnvironmentSnapshot? { vector.snapshot() }

    /// Whether `snapshot()` gives one.
    var canSaveState: Bool { vector.snapshot() != nil }

    /// Puts back what `snapshot()` wrote.
    /// - Throws: `GymError.invalidArgument` when it cannot save its state, or for a snapshot that does not fit.
    func restore(_ snapshot: EnvironmentSnapshot) throws { try vector.restore(snapshot) }

    /// Trains `agent` with `trainer` on it; `resuming` and `checkpoint` are `Trainer.run`'s.
    func train(_ agent: Agent, with trainer: Trainer, evaluationEnvironment: Environment, resuming: TrainerState? = nil,
               checkpoint: ((TrainerState) throws -> Void)? = nil, progress: ((TrainingProgress) -> Void)? = nil) throws {
        try trainer.run(agent: agent, vector: vector, evaluationEnvironment: evaluationEnvironment,
                        resuming: resuming, checkpoint: checkpoint, progress: progress)
    }
}
