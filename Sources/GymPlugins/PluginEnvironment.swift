import CGymPlugin
import Gym
import GymJSON

/// An environment provided by a plugin, behind the normal `Environment` protocol.
///
/// Values cross the boundary in buffers allocated once per instance. Every status a plugin returns
/// becomes a `GymError` (invalid action, wrong order) or a `PluginError` naming the plugin; the host never crashes because a plugin reported an error.
public final class PluginEnvironment: Environment {
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
    private var phase = EpisodePhase.needsReset
    private var last: Observation = .discrete(0)

    public init(library: PluginLibrary, environmentID: String, configuration: [String: Double]) throws {
        self.library = library
        let t = library.table.pointee
        let config = JSONValue.object(configuration.mapValues { .number($0) }).encoded()
        var error = [CChar](repeating: 0, count: 1024)
        guard let created = t.create(environmentID, config, &error, error.count) else {
            throw PluginError(path: library.path, name: library.name, reason: .cannotCreate(environment: environmentID, message: String(cString: error)))
        }
        env = created
        func bad(_ problem: String) -> PluginError {
            PluginError(path: library.path, name: library.name, reason: .badDescription(environment: environmentID, problem: problem))
        }
        do {
            guard let text = t.describe(created) else { throw bad("describe() returned NULL") }
            let description = try JSONReader.parse(String(cString: text), source: "plugin \(library.name) (\(library.path)), \(environmentID) describe()").plain
            guard let object = description.objectValue, let observation = object["observation_space"], let action = object["action_space"] else {
                throw bad("describe() must return an object with observation_space and action_space")
            }
            observationSpace = try Space(json: observation)
            actionSpace = try Space(json: action)
            parameters = (object["parameters"]?.objectValue ?? [:]).compactMapValues(\.doubleValue)
            metadata = EnvironmentMetadata(
                id: "\(library.name)/\(environmentID)", title: object["title"]?.stringValue ?? environmentID,
                description: object["description"]?.stringValue ?? "", maxEpisodeSteps: object["max_episode_steps"]?.intValue,
                actionNames: object["action_names"]?.arrayValue?.compactMap(\.stringValue), isStochastic: object["stochastic"]?.boolValue ?? true,
                discount: object["discount"]?.doubleValue, kind: "plugin")
        } catch let error as PluginError {
            t.destroy(created)
            throw error
        } catch {
            t.destroy(created)
            throw bad("describe() returned malformed JSON: \(error)")
        }
        observationBuffer = Array(repeating: 0, count: PluginEnvironment.width(observationSpace))
        actionBuffer = Array(repeating: 0, count: PluginEnvironment.width(actionSpace))
    }

    deinit { library.table.pointee.destroy(env) }

    /// The number of doubles a value of `space` occupies at the boundary.
    static func width(_ space: Space) -> Int {
        switch space {
        case .discrete: return 1
        case .box(let b): return b.size
        case .multiDiscrete(let m): return m.nvec.count
        case .multiBinary(let m): return m.n
        }
    }

    private func decode() -> Observation {
        switch observationSpace {
        case .discrete: return .discrete(Int(exactly: observationBuffer[0].rounded()) ?? -1)
        case .box: return .vector(observationBuffer.map(Float.init))
        case .multiDiscrete, .multiBinary: return .integers(observationBuffer.map { Int(exactly: $0.rounded()) ?? -1 })
        }
    }

    private func failure(_ status: GymStatus, _ call: String) -> Error {
        let message = String(cString: errorBuffer)
        let text = "plugin \(library.name): \(call): \(message)"
        switch status {
        case GYM_INVALID_ACTION: return GymError.invalidAction(text)
        case GYM_WRONG_ORDER: return phase == .needsReset ? GymError.resetNeeded(text) : GymError.episodeEnded(text)
        default: return PluginError(path: library.path, name: library.name, reason: .callFailed(call: call, message: message))
        }
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        var object: [String: JSONValue] = options.extra
        if let initial = options.initialState { object["initial_state"] = initial }
        let status = library.table.pointee.reset(env, seed ?? 0, seed == nil ? 0 : 1, JSONValue.object(object).encoded(),
                                                 &observationBuffer, &errorBuffer, errorBuffer.count)
        guard status == GYM_OK else { throw failure(status, "reset") }
        phase = .running
        last = decode()
        return (last, [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(metadata.id ?? "plugin environment")
        return last
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        switch (actionSpace, action) {
        case (.discrete, .discrete(let i)): actionBuffer[0] = Double(i)
        case (.box, .continuous(let v)) where v.count == actionBuffer.count: for k in 0..<v.count { actionBuffer[k] = v[k] }
        case (.multiDiscrete, .integers(let v)) where v.count == actionBuffer.count, (.multiBinary, .integers(let v)) where v.count == actionBuffer.count:
            for k in 0..<v.count { actionBuffer[k] = Double(v[k]) }
        default:
            throw GymError.invalidAction("invalid action \(action): not of the shape of the action space \(actionSpace) (plugin \(library.name))")
        }
        var reward = 0.0
        var terminated: Int32 = 0, truncated: Int32 = 0
        let status = library.table.pointee.step(env, actionBuffer, &observationBuffer, &reward, &terminated, &truncated, &errorBuffer, errorBuffer.count)
        guard status == GYM_OK else { throw failure(status, "step") }
        last = decode()
        let step = Step(observation: last, reward: reward, terminated: terminated != 0, truncated: truncated != 0)
        phase = .after(step)
        return step
    }
}
