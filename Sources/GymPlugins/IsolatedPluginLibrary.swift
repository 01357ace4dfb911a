import Foundation
import Gym

/// A plugin library run in supervised child processes (`gym --isolate`, and `gym check` by default).
///
/// Opening it starts one host process, which loads the library and lists its environments; every
/// environment made from it then runs in a process of its own. A library that cannot load, and any
/// fault while it loads, is a `PluginError`, as for `PluginLibrary`; the calling process never loads it.
public final class IsolatedPluginLibrary {
    public let path: String
    public let isolation: PluginIsolation
    public let name: String
    public let version: String
    public let environmentIDs: [String]
    /// The process that listed the environments; the first environment made takes it over.
    private var probe: PluginProcess?

    /// - Throws: `PluginError` for a missing file, a library the host cannot load (with the host's
    ///   message), a host that cannot start, or a load that crashes or hangs.
    public init(path: String, isolation: PluginIsolation) throws {
        self.path = path
        self.isolation = isolation
        let process = try PluginProcess(path: path, isolation: isolation)
        name = process.name ?? path
        version = process.version
        environmentIDs = process.environmentIDs
        probe = process
        guard !environmentIDs.isEmpty else { throw PluginError(path: path, name: name, reason: .noEnvironments) }
    }

    /// A registry entry for each environment, registered as `<plugin name>/<environment id>`.
    public func environmentSpecs() -> [EnvironmentSpec] {
        environmentIDs.map { id in
            let factory: ([String: Double]) throws -> Environment = { [self] overrides in
                try IsolatedPluginEnvironment(library: self, environmentID: id, configuration: overrides)
            }
            do {
                let described = try IsolatedPluginEnvironment(library: self, environmentID: id, configuration: [:], process: takeProbe())
                return EnvironmentSpec(id: "\(name)/\(id)", kind: "plugin", title: described.metadata.title, source: path,
                                       maxEpisodeSteps: described.metadata.maxEpisodeSteps, parameters: described.parameters, factory: factory)
            } catch {
                // Isolated, one environment that cannot be made does not hide the others: it is listed, and
                // every attempt to make it fails again with the reason.
                return EnvironmentSpec(id: "\(name)/\(id)", kind: "plugin", title: "cannot be made: \(error)", source: path,
                                       maxEpisodeSteps: nil, parameters: [:], factory: factory)
            }
        }
    }

    private func takeProbe() -> PluginProcess? {
        defer { probe = nil }
        return probe
    }

    /// A failure where none can be thrown (an instance's destroy, from deinit): kept for
    /// `Plugins.takeUnreportedFailures()`.
    func report(_ error: Error) {
        Plugins.unreported.withLock { $0.append("\(error)") }
    }
}
