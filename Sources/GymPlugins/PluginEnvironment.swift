import CGymPlugin
import Gym
import GymJSON

/// An environment provided by a plugin loaded into this process, behind the normal `Environment` protocol.
///
/// Values cross the boundary in buffers allocated once per instance. Every status a plugin returns
/// becomes a `GymError` (invalid action, wrong order) or a `PluginError` naming the plugin; the host
/// never crashes because a plugin reported an error. A plugin that crashes, though, takes this process
/// with it: `IsolatedPluginEnvironment` runs one in a supervised child instead.
///
/// Its snapshot holds the current episode's seed and actions, and `restore` plays them again
/// (`PluginReplay`), so a run on a plugin that is deterministic for a seed resumes exactly. Every reset
/// gives the plugin a seed: the caller's, or the next of a generator the caller's last seed started.
public final class PluginEnvironment: Environment, SnapshottingEnvironment {
    public let library: PluginLibrary
    public let observationSpace: Space
    public let actionSpace: Space
    public let metadata: EnvironmentMetadata
    /// The parameters the plugin declares, with their defaults.
    public let parameters: [String: Double]
    private let env: OpaquePointer
    private var observationBuffer: [Double]
    private var actionBuffer: [Double]
    private var errorBuffer = [CChar](repeating: 0, count: 1024)
    private var current = PluginEpisode()
    private var replay = PluginReplay()

    public init(library: PluginLibrary, environmentID: String, configuration: [String: Double]) throws {
        self.library = library
        let t = library.table.pointee
        let config = JSONValue.object(configuration.mapValues { .number($0) }).encoded()
        var error = [CChar](repeating: 0, count: 1024)
        guard let created = t.create(environmentID, config, &error, error.count - 1) else {
            throw PluginError(path: library.path, name: library.name, reason: .cannotCreate(environment: environmentID, message: String(cString: error)))
        }
        env = created
        let description: PluginDescription
        do {
            description = try PluginDescription(text: t.describe(created).map { String(cString: $0) }, plugin: library.name,
                                                path: library.path, environmentID: environmentID)
        } catch {
            t.destroy(created)
            throw error
        }
        observationSpace = description.observationSpace
        actionSpace = description.actionSpace
        metadata = description.metadata
        parameters = description.parameters
        observationBuffer = Array(repeating: 0, count: PluginValues.width(observationSpace))
        actionBuffer = Array(repeating: 0, count: PluginValues.width(actionSpace))
    }

    deinit { library.table.pointee.destroy(env) }

    private func failure(_ status: GymStatus, _ call: String) -> Error {
        errorBuffer[errorBuffer.count - 1] = 0
        return PluginValues.failure(status, call: call, message: String(cString: errorBuffer), plugin: library.name, path: library.path,
                                    beforeReset: current.phase == .needsReset)
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let given = replay.seed(for: seed)
        let status = library.table.pointee.reset(env, given, 1, PluginReplay.encoded(options), &observationBuffer, &errorBuffer, errorBuffer.count - 1)
        guard status == GYM_OK else { throw failure(status, "reset") }
        replay.started(seed: given, options: options)
        return current.started(PluginValues.decode(observationBuffer, of: observationSpace))
    }

    public func observe() throws -> Observation { try current.observe(metadata.id) }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        try actionBuffer.withUnsafeMutableBufferPointer { try PluginValues.encode(action, of: actionSpace, into: $0.baseAddress!, plugin: library.name) }
        var reward = 0.0
        var terminated: Int32 = 0, truncated: Int32 = 0
        let status = library.table.pointee.step(env, actionBuffer, &observationBuffer, &reward, &terminated, &truncated, &errorBuffer, errorBuffer.count - 1)
        guard status == GYM_OK else { throw failure(status, "step") }
        replay.stepped(actionBuffer[...])
        return current.stepped(Step(observation: PluginValues.decode(observationBuffer, of: observationSpace), reward: reward,
                                    terminated: terminated != 0, truncated: truncated != 0))
    }
}

extension PluginEnvironment {
    public func snapshot() -> EnvironmentSnapshot { replay.snapshot(current, observation: observationBuffer) }

    /// Plays the saved episode again on this instance: a reset with its seed, then its actions.
    /// - Throws: `GymError.invalidArgument` for a snapshot that does not fit; `PluginError` when the replay
    ///   fails or does not end where the saved episode did.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let saved = try PluginReplay.Saved(snapshot, actionWidth: actionBuffer.count, observationWidth: observationBuffer.count)
        try saved.play(actionSpace: actionSpace, environment: metadata.id ?? "?", plugin: library.name, path: library.path,
                       reset: { _ = try reset(seed: $0, options: $1) }, step: { _ = try step($0) }, end: { (current.phase, observationBuffer[...]) })
        current = saved.restored(current)
        replay = saved.replay
    }
}
