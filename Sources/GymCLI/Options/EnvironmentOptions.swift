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

    /// Trains `agent` with `trainer`: on `environment`, or on a vector of fresh instances (same-step
    /// autoreset) when the agent trains on several copies (`num_envs` above 1).
    /// `resuming` and `checkpoint` are `Trainer.run`'s, for one copy; a vector run cannot be resumed.
    func train(_ agent: Agent, with trainer: Trainer, on environment: Environment, evaluationEnvironment: Environment,
               resuming: TrainerState? = nil, checkpoint: ((TrainerState) throws -> Void)? = nil,
               progress: ((TrainingProgress) -> Void)? = nil) throws {
        if let vectorAgent = agent as? VectorAgent, vectorAgent.environmentCount > 1 {
            if resuming != nil { throw GymError.invalidArgument("a run on \(vectorAgent.environmentCount) environment copies cannot be resumed") }
            let vector = try VectorEnvironment(count: vectorAgent.environmentCount, autoresetMode: .sameStep) { try make() }
            try trainer.run(agent: vectorAgent, vector: vector, evaluationEnvironment: evaluationEnvironment, progress: progress)
        } else {
            try trainer.run(agent: agent, environment: environment, evaluationEnvironment: evaluationEnvironment,
                            resuming: resuming, checkpoint: checkpoint, progress: progress)
        }
    }
}
