import Foundation

/// The table of environment ids: Swift registrations, JSON files found on the search path, plugins.
///
/// `make(id)` returns a fresh instance with the standard checks (`EpisodeGuard.standard`): every
/// environment from the registry enforces the call order, the action space and the spec's
/// `maxEpisodeSteps`, either itself (a `SelfEnforcingEnvironment`, given the limit) or inside an
/// `EpisodeGuard`. `makeUnwrapped` returns the environment as its factory made it, without a limit.
///
/// Sources are added by the modules that understand them: `GymMDP` registers a file loader for
/// `.json`, `GymPlugins` one for shared libraries. `discover()` then loads every file with a known
/// extension from `searchPaths`.
public final class Registry {
    /// A function that reads one file and returns the environments it defines.
    public typealias FileLoader = (_ path: String) throws -> [EnvironmentSpec]

    /// The process-wide registry with the built-in environments registered.
    nonisolated(unsafe) public static let shared: Registry = {
        let registry = Registry()
        registry.registerBuiltins()
        return registry
    }()

    public private(set) var specs: [String: EnvironmentSpec] = [:]
    private var fileLoaders: [String: FileLoader] = [:]
    private var fileClaims: [String: (String) -> Bool] = [:]
    /// Directories scanned by `discover()`; defaults to `Registry.defaultSearchPaths()`.
    public var searchPaths: [String]
    /// Files seen by `discover()` that failed to load, with the error message (shown by `gym list`).
    public private(set) var problems: [(path: String, message: String)] = []
    private var discovered = false
    /// Specs read from files named by path (not registered: a path is not an id).
    private var fileSpecs: [String: EnvironmentSpec] = [:]

    public init(searchPaths: [String] = Registry.defaultSearchPaths()) {
        self.searchPaths = searchPaths
    }

    /// Registers `spec`. Throws `GymError.invalidArgument` for a malformed or duplicate id.
    public func register(_ spec: EnvironmentSpec) throws {
        guard EnvironmentSpec.isValidID(spec.id) else {
            throw GymError.invalidArgument("invalid environment id '\(spec.id)': ids have the form name-vN (e.g. gridworld-v1)")
        }
        if let existing = specs[spec.id] {
            throw GymError.invalidArgument("environment id '\(spec.id)' from \(spec.source) is already registered from \(existing.source)")
        }
        specs[spec.id] = spec
    }

    /// Makes `loader` responsible for files whose name ends in `.ext`. `discover()` passes over files
    /// that `claims` says are not its (a directory on GYM_PATH may hold other JSON files); a path given
    /// explicitly always goes to the loader, so that its errors are reported.
    public func addFileLoader(extension ext: String, claims: @escaping (_ path: String) -> Bool = { _ in true },
                              _ loader: @escaping FileLoader) {
        fileLoaders[ext.lowercased()] = loader
        fileClaims[ext.lowercased()] = claims
        discovered = false  // files of this kind may have been passed over by an earlier discover()
    }

    /// The ids, sorted.
    public var ids: [String] { specs.keys.sorted() }

    /// Loads every file with a registered extension found directly in the search paths (once per set
    /// of loaders; later calls do nothing). A file that fails to load is recorded in `problems`, not thrown.
    public func discover() {
        guard !discovered else { return }
        discovered = true
        let fm = FileManager.default
        for directory in searchPaths {
            guard let names = try? fm.contentsOfDirectory(atPath: directory) else { continue }
            for name in names.sorted() {
                let ext = (name as NSString).pathExtension.lowercased()
                guard let loader = fileLoaders[ext] else { continue }
                let path = (directory as NSString).appendingPathComponent(name)
                guard fileClaims[ext]?(path) ?? true else { continue }
                if problems.contains(where: { $0.path == path }) { continue }
                do {
                    for spec in try loader(path) where specs[spec.id] == nil { try register(spec) }
                } catch {
                    problems.append((path, "\(error)"))
                }
            }
        }
    }

    /// The spec for `id`, or the specs in the file at `id` when it names an existing file.
    /// - Throws: `GymError.unknownEnvironment` with suggestions, or the file loader's error.
    public func spec(_ id: String) throws -> EnvironmentSpec {
        if let spec = specs[id] { return spec }
        if let fromFile = try specFromFile(id) { return fromFile }
        discover()
        if let spec = specs[id] { return spec }
        throw GymError.unknownEnvironment(id: id, suggestions: suggestions(for: id, among: ids))
    }

    /// The spec for a path given as an id; a file is read once per process.
    private func specFromFile(_ path: String) throws -> EnvironmentSpec? {
        if let known = fileSpecs[path] { return known }
        let ext = (path as NSString).pathExtension.lowercased()
        guard path.contains("/") || !ext.isEmpty else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            if fileLoaders[ext] != nil { throw GymError.invalidArgument("\(path): no such file") }
            return nil
        }
        guard let loader = fileLoaders[ext] else {
            throw GymError.invalidArgument("\(path): no loader for .\(ext) files (known: \(fileLoaders.keys.sorted().map { "." + $0 }.joined(separator: ", ")))")
        }
        let found = try loader(path)
        guard let first = found.first else { throw GymError.noEnvironment(file: path) }
        fileSpecs[path] = first
        return first
    }

    /// A fresh instance of `id` with the standard checks.
    /// - Parameters:
    ///   - id: a registered id, or a path to a file a loader reads.
    ///   - overrides: parameter values replacing the spec's defaults; unknown names throw.
    public func make(_ id: String, overrides: [String: Double] = [:]) throws -> Environment {
        try make(spec(id), overrides: overrides)
    }

    /// A fresh instance of `spec` with the standard checks (`EpisodeGuard.standard`).
    public func make(_ spec: EnvironmentSpec, overrides: [String: Double] = [:]) throws -> Environment {
        try EpisodeGuard.standard(try makeUnwrapped(spec, overrides: overrides), maxEpisodeSteps: spec.maxEpisodeSteps)
    }

    /// A fresh instance without the standard checks.
    public func makeUnwrapped(_ id: String, overrides: [String: Double] = [:]) throws -> Environment {
        try makeUnwrapped(spec(id), overrides: overrides)
    }

    /// A fresh instance of `spec` without the standard checks.
    public func makeUnwrapped(_ spec: EnvironmentSpec, overrides: [String: Double] = [:]) throws -> Environment {
        try spec.checkParameters(overrides)
        return try spec.factory(overrides)
    }

    /// A fresh instance of the multi-agent environment `id` (a game whose players are all agents).
    /// - Throws: `GymError.invalidArgument` when `id` is a single-agent environment.
    public func makeMultiAgent(_ id: String, overrides: [String: Double] = [:]) throws -> MultiAgentEnvironment {
        try makeMultiAgent(spec(id), overrides: overrides)
    }

    /// A fresh instance of the multi-agent environment `spec`.
    public func makeMultiAgent(_ spec: EnvironmentSpec, overrides: [String: Double] = [:]) throws -> MultiAgentEnvironment {
        guard let factory = spec.multiAgentFactory else {
            throw GymError.invalidArgument("\(spec.id) is a single-agent environment; make it with Registry.make")
        }
        try spec.checkParameters(overrides)
        return try factory(overrides)
    }

    private func registerBuiltins() {
        let defaults = Corridor.defaultParameters
        try! register(EnvironmentSpec(
            id: "corridor-v0", kind: "swift", title: Corridor.title, source: "built-in",
            maxEpisodeSteps: 100, parameters: defaults,
            factory: { overrides in try Corridor(parameters: defaults.merging(overrides) { $1 }) }))
    }
}
