import CGymPlugin
import Foundation
import Gym

/// A loaded plugin library (ABI v1, Specs/plugin-abi.md). Libraries stay loaded for the life of the process.
public final class PluginLibrary {
    public let path: String
    public let name: String
    public let version: String
    public let environmentIDs: [String]
    let table: UnsafePointer<GymPluginV1>

    /// Opens the library and checks its entry point and table.
    /// - Throws: `PluginError` naming the file for a missing file, a missing symbol, a wrong ABI
    ///   version or an incomplete table.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw PluginError(path: path, reason: .noSuchFile) }
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError(path: path, reason: .cannotLoad(String(cString: dlerror())))
        }
        guard let symbol = dlsym(handle, GYM_PLUGIN_ENTRY_V1) else {
            throw PluginError(path: path, reason: .noEntryPoint(GYM_PLUGIN_ENTRY_V1))
        }
        let entry = unsafeBitCast(symbol, to: GymPluginEntryV1.self)
        guard let table = entry() else { throw PluginError(path: path, reason: .nullTable(entryPoint: GYM_PLUGIN_ENTRY_V1)) }
        guard table.pointee.abi_version == GYM_PLUGIN_ABI_VERSION else {
            throw PluginError(path: path, reason: .abiVersion(found: table.pointee.abi_version, supported: GYM_PLUGIN_ABI_VERSION))
        }
        let t = table.pointee
        guard let name = t.name, let version = t.version, let ids = t.environment_ids, t.create != nil, t.describe != nil,
              t.reset != nil, t.step != nil, t.destroy != nil else {
            throw PluginError(path: path, reason: .incompleteTable)
        }
        self.name = String(cString: name)
        self.version = String(cString: version)
        var found: [String] = []
        var i = 0
        while let id = ids[i] { found.append(String(cString: id)); i += 1 }
        environmentIDs = found
        self.table = table
        guard !found.isEmpty else { throw PluginError(path: path, name: self.name, reason: .noEnvironments) }
    }

    /// A registry entry for each environment, registered as `<plugin name>/<environment id>`.
    public func environmentSpecs() throws -> [EnvironmentSpec] {
        try environmentIDs.map { id in
            let probe = try PluginEnvironment(library: self, environmentID: id, configuration: [:])
            return EnvironmentSpec(id: "\(name)/\(id)", kind: "plugin", title: probe.metadata.title, source: path,
                                   maxEpisodeSteps: probe.metadata.maxEpisodeSteps, parameters: probe.parameters,
                                   factory: { [self] overrides in try PluginEnvironment(library: self, environmentID: id, configuration: overrides) })
        }
    }
}

/// Connects plugins to the registry.
public enum Plugins {
    /// Where plugins run: nil (the default) loads them into this process; a `PluginIsolation` runs each
    /// environment in a supervised child. Set it before the first plugin is opened.
    nonisolated(unsafe) public static var isolation: PluginIsolation?

    /// The plugin files loaded so far, by path: true when isolated.
    static let loaded = Locked<[String: Bool]>([:])

    /// Failures that happened where none could be thrown (a plugin's destroy crashing).
    static let unreported = Locked<[String]>([])

    /// Makes `registry` load `.so` files as plugins (from paths, and from the directories on
    /// GYM_PLUGIN_PATH), in this process or isolated as `isolation` says when each is opened.
    public static func registerLoader(in registry: Registry = .shared) {
        if let extra = ProcessInfo.processInfo.environment["GYM_PLUGIN_PATH"] {
            for dir in extra.split(separator: ":").map(String.init) where !dir.isEmpty && !registry.searchPaths.contains(dir) {
                registry.searchPaths.append(dir)
            }
        }
        registry.addFileLoader(extension: "so") { path in try specs(path) }
    }

    /// Loads a plugin file and registers its environments (`--plugin FILE`), in this process or isolated
    /// as `isolation` says (by default, as `Plugins.isolation` does); returns their ids. Loading a file
    /// again the same way changes nothing.
    /// - Throws: `PluginError` for a plugin that cannot be loaded, or for a file loaded before the other
    ///   way (isolated against in this process), whose environments stay where they were.
    @discardableResult
    public static func load(_ path: String, isolation: PluginIsolation? = Plugins.isolation, into registry: Registry = .shared) throws -> [String] {
        let key = URL(fileURLWithPath: path).standardizedFileURL.path
        let earlier = loaded.withLock { modes in modes[key] }
        if let earlier, earlier != (isolation != nil) {
            throw PluginError(path: path, reason: .cannotLoad("it was loaded before \(earlier ? "isolated" : "in this process"), and its environments "
                + "stay there; load it \(earlier ? "isolated" : "in this process") again, or in a new process the other way"))
        }
        let specs = try specs(path, isolation: isolation)
        loaded.withLock { modes in modes[key] = isolation != nil }
        for spec in specs where registry.specs[spec.id] == nil { try registry.register(spec) }
        return specs.map(\.id)
    }

    /// The failures since the last call that no call could report (a destroy that crashed or hung),
    /// as messages; `gym check` counts them as failed checks.
    public static func takeUnreportedFailures() -> [String] {
        unreported.withLock { failures in
            defer { failures = [] }
            return failures
        }
    }

    private static func specs(_ path: String, isolation: PluginIsolation? = Plugins.isolation) throws -> [EnvironmentSpec] {
        if let isolation { return try IsolatedPluginLibrary(path: path, isolation: isolation).environmentSpecs() }
        return try PluginLibrary(path: path).environmentSpecs()
    }
}

/// A value behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
