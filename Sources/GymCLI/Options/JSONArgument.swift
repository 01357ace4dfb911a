import Gym
import GymJSON

/// Parses a JSON command-line argument, naming the option in syntax errors.
func parseJSONArgument(_ text: String, option: String) throws -> JSONValue {
    try JSONReader.parse(text, source: option).plain
}

/// A state as people type it: JSON when it looks like JSON (a number, an array, a quoted string,
/// `true`, `false`, `null`), otherwise the text itself as a state name, so that `--initial-state 3,0`
/// names the grid state "3,0".
func parseStateArgument(_ text: String, option: String) throws -> JSONValue {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let looksLikeJSON = trimmed.first.map { "[{\"-0123456789".contains($0) } ?? false || ["true", "false", "null"].contains(trimmed)
    if looksLikeJSON, !(trimmed.first!.isNumber || trimmed.first == "-") || Double(trimmed) != nil {
        return try parseJSONArgument(trimmed, option: option)
    }
    return .string(trimmed)
}
