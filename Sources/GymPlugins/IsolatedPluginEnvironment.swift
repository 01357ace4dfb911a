import CGymPlugin
import Foundation
import Gym

/// An environment provided by a plugin that runs in its own supervised process (`gym plugin-host`).
///
/// It behaves as `PluginEnvironment` does, call for call: it adds no checks of its own, so that the
/// conformance suite judges the plugin. What differs is failure: a plugin that crashes, aborts,
/// exits, overruns a buffer or hangs past `PluginIsolation.timeout` fails the call with a
/// `PluginError` naming the plugin, the call, the episode and step, and how it ended. This process
/// goes on; the environment is then unusable (`.processEnded`), and a new one starts a new process.
///
/// Each instance has its own process. `makeBatch(count:)` puts `count` instances in one process and
/// steps them all in one round trip.
///
/// Snapshots replay the current episode from its seed and actions, as `PluginEnvironment`'s do.
///
/// ```swift
/// let library = try IsolatedPluginLibrary(path: "libinventory.so", isolation: try .locate())
/// let env = try IsolatedPluginEnvironment(library: library, environmentID: "inventory-v1", configuration: [:])
/// ```
public final class IsolatedPluginEnvironment: Environment, BatchSteppable, SnapshottingEnvironment {
    public let library: IsolatedPluginLibrary
    public let environmentID: String
    public let configuration: [String: Double]
    public let observationSpace: Space
    public let actionSpace: Space
    public let metadata: EnvironmentMetadata
    /// The parameters the plugin declares, with their defaults.
    public let parameters: [String: Double]
    private let process: PluginProcess
    private let instance: UInt32
    private var observationBuffer: [Double]
    private var actionBuffer: [Double]
    private var current = PluginEpisode()
    private var replay = PluginReplay()

    /// Starts a process for the instance (or uses `process`, the library's probe).
    public convenience init(library: IsolatedPluginLibrary, environmentID: String, configuration: [String: Double]) throws {
        try self.init(library: library, environmentID: environmentID, configuration: configuration, process: nil)
    }

    init(library: IsolatedPluginLibrary, environmentID: String, configuration: [String: Double], process: PluginProcess?) throws {
        self.library = library
        self.environmentID = environmentID
        self.configuration = configuration
        self.process = try process ?? PluginProcess(path: library.path, isolation: library.isolation)
        let (instance, description) = try self.process.create(environmentID, configuration: configuration)
        self.instance = instance
        observationSpace = description.observationSpace
        actionSpace = description.actionSpace
        metadata = description.metadata
        parameters = description.parameters
        observationBuffer = Array(repeating: 0, count: PluginValues.width(observationSpace))
        actionBuffer = Array(repeating: 0, count: PluginValues.width(actionSpace))
    }

    deinit {
        // A process that already ended has reported why, to the call it ended in.
        guard process.ending == nil else { return }
        do { try process.destroy(instance, environmentID: environmentID) } catch {
            library.report(error)
        }
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let call = PluginCall("reset", environment: environmentID, episode: current.episode + 1)
        let given = replay.seed(for: seed)
        let (status, message) = try observationBuffer.withUnsafeMutableBufferPointer {
            try process.reset(instance, seed: given, options: options, observation: $0.baseAddress!, width: $0.count, call: call)
        }
        guard status == GYM_OK else {
            throw PluginValues.failure(status, call: "reset", message: message, plugin: library.name, path: library.path,
                                       beforeReset: current.phase == .needsReset)
        }
        replay.started(seed: given, options: options)
        return current.started(PluginValues.decode(observationBuffer, of: observationSpace))
    }

    public func observe() throws -> Observation { try current.observe(metadata.id) }

    public func step(_ action: Action) throws -> Step {
        try actionBuffer.withUnsafeMutableBufferPointer { try PluginValues.encode(action, of: actionSpace, into: $0.baseAddress!, plugin: library.name) }
        var answer: PluginProcess.StepAnswer?
        let call = PluginCall("step", environment: environmentID, episode: max(current.episode, 1), step: current.steps + 1)
        try observationBuffer.withUnsafeMutableBufferPointer { observations in
            try process.step([instance], actions: actionBuffer, observations: observations.baseAddress!, call: call) { answer = $1 }
        }
        guard let answer else { throw PluginError(path: library.path, name: library.name, reason: .hostUnavailable("no answer to step")) }
        guard answer.status == GYM_OK else {
            throw PluginValues.failure(answer.status, call: "step", message: answer.message, plugin: library.name, path: library.path,
                                       beforeReset: current.phase == .needsReset)
        }
        replay.stepped(actionBuffer[...])
        return current.stepped(Step(observation: PluginValues.decode(observationBuffer, of: observationSpace), reward: answer.reward,
                                    terminated: answer.terminated, truncated: answer.truncated))
    }

    /// `count` fresh instances in one new process, stepped in one round trip (`BatchSteppable`).
    public func makeBatch(count: Int) throws -> EnvironmentBatch {
        try IsolatedPluginBatch(library: library, environmentID: environmentID, configuration: configuration, count: count)
    }
}

extension IsolatedPluginEnvironment {
    public func snapshot() -> EnvironmentSnapshot { replay.snapshot(current, observation: observationBuffer) }

    /// Plays the saved episode again in this instance's process, as `PluginEnvironment.restore` does.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let saved = try PluginReplay.Saved(snapshot, actionWidth: actionBuffer.count, observationWidth: observationBuffer.count)
        try saved.play(actionSpace: actionSpace, environment: environmentID, plugin: library.name, path: library.path,
                       reset: { _ = try reset(seed: $0, options: $1) }, step: { _ = try step($0) }, end: { (current.phase, observationBuffer[...]) })
        current = saved.restored(current)
        replay = saved.replay
    }
}
