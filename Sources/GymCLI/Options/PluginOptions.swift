import ArgumentParser
import GymPlugins

/// `--plugin FILE`: plugin libraries whose environments are registered before anything is looked up.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: ArgumentHelp("Load a plugin library and register its environments (repeatable).", valueName: "file.so"))
    var plugins: [String] = []

    /// Loads every plugin into the shared registry.
    func load() throws {
        for plugin in plugins { try Plugins.load(plugin) }
    }
}
