import ArgumentParser
import Gym
import GymPlugins
import GymMDP
import GymJSON

/// The options every command that makes an environment takes: an id or file, and parameter overrides.
struct EnvironmentOptions: ParsableArguments {
    @Argument(help: "An environment id (see `gym list`) or a path to a JSON MDP file.")
    var environment: String

    @Option(name: .customLong("param"), help: ArgumentHelp("Override a parameter: --param name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    @Option(name: .customLong("plugin"), help: ArgumentHelp("Load a plugin library and register its environments (repeatable).", valueName: "file.so"))
    var plugins: [String] = []

    func overrides() throws -> [String: Double] {
        for plugin in plugins { try Plugins.load(plugin) }
        return try Registry.parseOverrides(parameters)
    }

    /// The environment with the standard wrappers (order enforcing, time limit).
    func make() throws -> Environment {
        let overrides = try overrides()
        return try Registry.shared.make(environment, overrides: overrides)
    }

    func spec() throws -> EnvironmentSpec {
        _ = try overrides()
        return try Registry.shared.spec(environment)
    }
}

/// Parses a JSON command-line argument, naming the option in syntax errors.
func parseJSONArgument(_ text: String, option: String) throws -> JSONValue {
    try JSONReader.parse(text, source: option).plain
}

/// Converts a JSON value to an action of `space`: a number or action name for Discrete, an array otherwise.
func action(from value: JSONValue, space: Space, names: [String]?) throws -> Action {
    switch space {
    case .discrete:
        if let name = value.stringValue {
            guard let index = names?.firstIndex(of: name) else {
                throw GymError.invalidAction("unknown action name '\(name)'; the actions are \((names ?? []).joined(separator: ", "))")
            }
            return .discrete(index)
        }
        guard let i = value.intValue else { throw GymError.invalidAction("expected an integer action for \(space), got \(value)") }
        return .discrete(i)
    case .box:
        let items = value.arrayValue ?? [value]
        return .continuous(try items.map {
            guard let x = $0.doubleValue else { throw GymError.invalidAction("expected numbers for \(space), got \(value)") }
            return x
        })
    case .multiDiscrete, .multiBinary:
        guard let items = value.arrayValue else { throw GymError.invalidAction("expected an array of integers for \(space), got \(value)") }
        return .integers(try items.map {
            guard let i = $0.intValue else { throw GymError.invalidAction("expected integers for \(space), got \(value)") }
            return i
        })
    }
}
