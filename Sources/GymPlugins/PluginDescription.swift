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
