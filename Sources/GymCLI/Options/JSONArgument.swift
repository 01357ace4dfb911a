import Gym
import GymJSON

/// Parses a JSON command-line argument, naming the option in syntax errors.
func parseJSONArgument(_ text: String, option: String) throws -> JSONValue {
    try JSONReader.parse(text, source: option).plain
}
