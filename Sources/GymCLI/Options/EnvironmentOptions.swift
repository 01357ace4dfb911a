import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymNN
import GymRuns

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
