import ArgumentParser
import Gym

/// `--param name=value`: overrides of an environment's parameters.
struct ParameterOptions: ParsableArguments {
    @Option(name: .customLong("param"), help: ArgumentHelp("Override a parameter: --param name=value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []

    /// The overrides by name; a later item for the same name wins.
    /// - Throws: `AssignmentError` for an item that is not `name=number`.
    func overrides() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for (name, text) in try assignments(parameters, form: "name=number", what: "parameter override") {
            guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw AssignmentError(item: "\(name)=\(text)", what: "parameter override", form: "name=number")
            }
            result[name] = value
        }
        return result
    }
}
