import CGymPlugin
import Gym
import GymJSON

/// What a plugin's `describe()` says of one environment: its spaces, metadata and parameters.
///
/// ```swift
/// let description = try PluginDescription(text: #"{"observation_space": {"type": "Discrete", "n": 3}, "action_space": {"type": "Discrete", "n": 2}}"#,
///                                         plugin: "corridor", path: "libcorridor.so", environmentID: "corridor-v1")
/// ```
public struct PluginDescription {
    public let observationSpace: Space
    public let actionSpace: Space
    public let metadata: EnvironmentMetadata
    /// The parameters the plugin declares, with their defaults.
    public let parameters: [String: Double]

    /// Reads `describe()`'s text (nil when it returned NULL).
    /// - Throws: `PluginError.badDescription` naming the plugin and the environment.
    public init(text: String?, plugin name: String, path: String, environmentID: String) throws {
        func bad(_ problem: String) -> PluginError {
            PluginError(path: path, name: name, reason: .badDescription(environment: environmentID, problem: problem))
        }
        guard let text else { throw bad("describe() returned NULL") }
        let description: JSONValue
        do {
            description = try JSONReader.parse(text, source: "plugin \(name) (\(path)), \(environmentID) describe()").plain
        } catch {
            throw bad("describe() returned malformed JSON: \(error)")
        }
        guard let object = description.objectValue, let observation = object["observation_space"], let action = object["action_space"] else {
            throw bad("describe() must return an object with observation_space and action_space")
        }
        do {
            observationSpace = try Space(json: observation)
            actionSpace = try Space(json: action)
        } catch {
            throw bad("describe() returned malformed JSON: \(error)")
        }
        parameters = (object["parameters"]?.objectValue ?? [:]).compactMapValues(\.doubleValue)
        metadata = EnvironmentMetadata(
            id: "\(name)/\(environmentID)", title: object["title"]?.stringValue ?? environmentID,
            description: object["description"]?.stringValue ?? "", maxEpisodeSteps: object["max_episode_steps"]?.intValue,
            actionNames: object["action_names"]?.arrayValue?.compactMap(\.stringValue), isStochastic: object["stochastic"]?.boolValue ?? true,
            discount: object["discount"]?.doubleValue, kind: "plugin")
    }
}

/// Values at the plugin boundary: observations and actions as arrays of doubles.
enum PluginValues {
    /// The number of doubles a value of `space` occupies.
    static func width(_ space: Space) -> Int {
        switch space {
        case .discrete: return 1
        case .box(let b): return b.size
        case .multiDiscrete(let m): return m.nvec.count
        case .multiBinary(let m): return m.n
        }
    }

    /// Writes `action` into `buffer` as the plugin reads it.
    /// - Throws: `GymError.invalidAction` when the action is not of the shape of `space`.
    static func encode(_ action: Action, of space: Space, into buffer: UnsafeMutablePointer<Double>, plugin: String) throws {
        let width = width(space)
        switch (space, action) {
        case (.discrete, .discrete(let i)): buffer[0] = Double(i)
        case (.box, .continuous(let v)) where v.count == width: for k in 0..<width { buffer[k] = v[k] }
        case (.multiDiscrete, .integers(let v)) where v.count == width, (.multiBinary, .integers(let v)) where v.count == width:
            for k in 0..<width { buffer[k] = Double(v[k]) }
        default:
            throw GymError.invalidAction("invalid action \(action): not of the shape of the action space \(space) (plugin \(plugin))")
        }
    }

    /// The observation of `space` in `buffer`.
    static func decode(_ buffer: UnsafePointer<Double>, of space: Space) -> Observation {
        let width = width(space)
        switch space {
        case .discrete: return .discrete(Int(exactly: buffer[0].rounded()) ?? -1)
        case .box: return .vector((0..<width).map { Float(buffer[$0]) })
        case .multiDiscrete, .multiBinary: return .integers((0..<width).map { Int(exactly: buffer[$0].rounded()) ?? -1 })
        }
    }

    /// The error for a status other than `GYM_OK` from `call`, with the plugin's message.
    /// `beforeReset` tells a wrong-order step before any reset from one after the episode ended.
    static func failure(_ status: GymStatus, call: String, message: String, plugin: String, path: String, beforeReset: Bool) -> Error {
        let text = "plugin \(plugin): \(call): \(message)"
        switch status {
        case GYM_INVALID_ACTION: return GymError.invalidAction(text)
        case GYM_WRONG_ORDER: return beforeReset ? GymError.resetNeeded(text) : GymError.episodeEnded(text)
        default: return PluginError(path: path, name: plugin, reason: .callFailed(call: call, message: message))
        }
    }
}

/// What a plugin environment knows of its episode between calls, in process or isolated: the phase (to
/// tell a wrong-order status before any reset from one after the end), the last observation (for
/// `observe`), and the episode and step counts (for messages).
struct PluginEpisode {
    private(set) var phase = EpisodePhase.needsReset
    private(set) var last: Observation = .discrete(0)
    private(set) var episode = 0
    private(set) var steps = 0

    mutating func started(_ observation: Observation) -> (observation: Observation, info: Info) {
        (phase, last, episode, steps) = (.running, observation, episode + 1, 0)
        return (observation, [:])
    }

    mutating func stepped(_ step: Step) -> Step {
        (phase, last, steps) = (.after(step), step.observation, steps + 1)
        return step
    }

    func observe(_ name: String?) throws -> Observation {
        try phase.checkObserve(name ?? "plugin environment")
        return last
    }
}
