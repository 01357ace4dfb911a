import ArgumentParser
import Gym

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
}

/// An environment named on the command line, found once; `make` makes as many instances as a command needs.
struct ResolvedEnvironment {
    let spec: EnvironmentSpec
    let overrides: [String: Double]

    var id: String { spec.id }

    /// A fresh instance with the standard checks (`Registry.make`).
    func make() throws -> Environment { try Registry.shared.make(spec, overrides: overrides) }
}
