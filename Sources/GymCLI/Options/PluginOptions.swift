import ArgumentParser
import Foundation
import GymPlugins

/// `--plugin FILE`, `--isolate` and `--plugin-timeout`: plugin libraries whose environments are
/// registered before anything is looked up, and where they run.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugin"), help: ArgumentHelp("Load a plugin library and register its environments (repeatable).", valueName: "file.so"))
    var plugins: [String] = []

    @Flag(help: "Run plugins in supervised child processes, so that a plugin that crashes or hangs fails its call instead of ending gym.")
    var isolate = false

    @Flag(name: .customLong("in-process"), help: "Load plugins into this process (the default, except for gym check).")
    var inProcess = false

    @Option(name: .customLong("plugin-timeout"), help: ArgumentHelp("Seconds one isolated plugin call may take (default 10).", valueName: "seconds"))
    var timeout: Double?

    func validate() throws {
        if isolate && inProcess { throw ValidationError("--isolate and --in-process exclude each other") }
        if let timeout, !(timeout > 0 && timeout.isFinite) { throw ValidationError("--plugin-timeout must be a positive number of seconds, got \(timeout)") }
        if timeout != nil && inProcess { throw ValidationError("--plugin-timeout applies to isolated plugins; drop --in-process") }
    }

    /// The options as another gym command takes them, with absolute plugin paths (`gym sweep`'s runs).
    var arguments: [String] {
        var arguments = plugins.flatMap { ["--plugin", URL(fileURLWithPath: $0).standardizedFileURL.path] }
        if isolate { arguments.append("--isolate") }
        if inProcess { arguments.append("--in-process") }
        if let timeout { arguments += ["--plugin-timeout", "\(timeout)"] }
        return arguments
    }

    /// Chooses where plugins run (isolated with `--isolate`, `--plugin-timeout`, or when
    /// `isolatedByDefault`), then loads every `--plugin` into the shared registry.
    func load(isolatedByDefault: Bool = false) throws {
        if isolate || timeout != nil || (isolatedByDefault && !inProcess) {
            Plugins.isolation = try PluginIsolation.locate(timeout: timeout ?? PluginIsolation.defaultTimeout)
        }
        for plugin in plugins { try Plugins.load(plugin) }
    }
}
