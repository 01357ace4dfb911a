import Gym
import GymExpressions
import GymJSON
import GymTabular

/// One JSON MDP file (format `swiftgym.mdp/1`, Specs/mdp-format.md), parsed once and compiled into
/// environments for any set of parameter overrides.
public final class MDPFile {
    public static let format = "swiftgym.mdp/1"
    public static let supportedFormats = [format]
    static let commonMembers = ["format", "id", "kind", "title", "description", "discount", "max_episode_steps", "reward_range", "parameters"]

    public let path: String
    public let json: OrderedJSON
    public let id: String
    public let kind: String
    public let title: String
    /// The parameters and their default values, in file order.
    public let parameterDefaults: [(String, Double)]
    private var cache: [[String: Double]: MDPDefinition] = [:]

    /// Parses the file and reads the common header. The full validation happens in `compile`.
    /// - Throws: `JSONSyntaxError` (line and column) or `SpecificationErrors` (JSON paths).
    public convenience init(path: String) throws {
        try self.init(json: JSONReader.parseFile(path), path: path)
    }

    public init(json: OrderedJSON, path: String) throws {
        self.path = path
        self.json = json
        let reader = SpecReader(file: path)
        guard case .object = json else {
            reader.fail(.root, "an MDP file holds one JSON object, got \(json.typeName)")
            try reader.finish()
            fatalError("unreachable")
        }
        let root = JSONPath.root
        if let format = reader.string(json["format"], at: root.key("format")) {
            if !MDPFile.supportedFormats.contains(format) {
                reader.fail(root.key("format"), "unsupported format '\(format)'; supported: \(MDPFile.supportedFormats.joined(separator: ", "))")
            }
        } else if json["format"] == nil {
            reader.fail(root.key("format"), "required member 'format' is missing (use \"\(MDPFile.format)\")")
        }
        let id = reader.string(json["id"], at: root.key("id"))
        if json["id"] == nil { reader.fail(root.key("id"), "required member 'id' is missing") }
        if let id, !EnvironmentSpec.isValidID(id) || id.contains("/") {
            reader.fail(root.key("id"), "'\(id)' is not a valid id; ids have the form name-vN, e.g. gridworld-v1")
        }
        let kind = reader.string(json["kind"], at: root.key("kind"))
        if json["kind"] == nil { reader.fail(root.key("kind"), "required member 'kind' is missing") }
        if let kind, MDPKinds.all[kind] == nil {
            reader.fail(root.key("kind"), "unknown kind '\(kind)'; known kinds: \(MDPKinds.all.keys.sorted().joined(separator: ", "))")
        }
        var defaults: [(String, Double)] = []
        if let members = reader.object(json["parameters"], at: root.key("parameters")) {
            for (name, value) in members {
                let path = root.key("parameters").key(name)
                if !(name.first?.isLetter ?? false) || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    reader.fail(path, "parameter names are identifiers (letters, digits, _), got '\(name)'")
                } else if case .number(let x) = value {
                    defaults.append((name, x))
                } else {
                    reader.fail(path, "a parameter's default must be a number, got \(value.typeName)")
                }
            }
        }
        try reader.finish()
        self.id = id!
        self.kind = kind!
        title = json["title"].flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? ""
        parameterDefaults = defaults
    }

    /// Validates the whole file with `overrides` applied and returns what it defines. Results are cached.
    /// - Throws: `SpecificationErrors` listing every problem, or `GymError.invalidArgument` for an unknown override.
    public func compile(overrides: [String: Double] = [:]) throws -> MDPDefinition {
        if let cached = cache[overrides] { return cached }
        let defaults = Dictionary(parameterDefaults, uniquingKeysWith: { first, _ in first })
        try EnvironmentSpec.checkParameters(overrides, known: defaults.keys, id: id)
        let reader = SpecReader(file: path)
        reader.parameters = defaults.merging(overrides) { $1 }
        let root = JSONPath.root
        let kindType = MDPKinds.all[kind]!
        reader.checkMembers(json, at: root, allowed: MDPFile.commonMembers + kindType.members,
                            required: ["format", "id", "kind"] + kindType.requiredMembers)
        var header = MDPHeader(id: id, kind: kind, title: title, description: "", discount: nil, maxEpisodeSteps: nil,
                               parameters: reader.parameters)
        header.description = reader.string(json["description"], at: root.key("description")) ?? ""
        _ = reader.string(json["title"], at: root.key("title"))
        header.discount = reader.number(json["discount"], at: root.key("discount"), "in [0, 1]") { $0 >= 0 && $0 <= 1 }
        header.maxEpisodeSteps = reader.integer(json["max_episode_steps"], at: root.key("max_episode_steps"),
                                                "a positive integer of at most \(ModelLimits.maxEpisodeSteps)") { $0 > 0 && $0 <= ModelLimits.maxEpisodeSteps }
        header.rewardRange = MDPFile.rewardRange(json["reward_range"], reader)
        // On a deep stack: expression trees are walked recursively (Specs/limits.md).
        let definition = DeepStack.run { kindType.compile(json, header, reader) }
        for (name, _) in parameterDefaults where !reader.referencedParameters.contains(name) && kind != "dynamics" {
            reader.fail(root.key("parameters").key(name), "parameter '\(name)' is defined but never referenced as \"$\(name)\"")
        }
        try reader.finish()
        guard let definition else {
            throw SpecificationErrors(file: path, issues: [SpecIssue(path: "$", message: "the \(kind) definition could not be built")])
        }
        cache[overrides] = definition
        return definition
    }

    /// `reward_range`: `[low, high]`, finite numbers or parameters with low <= high.
    static func rewardRange(_ node: OrderedJSON?, _ reader: SpecReader) -> ClosedRange<Double>? {
        let path = JSONPath.root.key("reward_range")
        guard let items = reader.array(node, at: path) else { return nil }
        guard items.count == 2 else {
            reader.fail(path, expected: "[low, high]", got: "\(items.count) numbers")
            return nil
        }
        guard let low = reader.number(items[0], at: path.index(0), "finite", { _ in true }),
              let high = reader.number(items[1], at: path.index(1), "finite", { _ in true }) else { return nil }
        guard low <= high else {
            reader.fail(path, "the low bound \(SpecReader.describe(low)) exceeds the high bound \(SpecReader.describe(high))")
            return nil
        }
        return low...high
    }

    /// The registry entry for this file: making it compiles with the overrides and returns a fresh environment.
    public func environmentSpec() throws -> EnvironmentSpec {
        let definition = try compile()
        return EnvironmentSpec(
            id: id, kind: kind, title: title.isEmpty ? definition.header.description.prefix(80).description : title,
            source: path, maxEpisodeSteps: definition.header.maxEpisodeSteps,
            parameters: Dictionary(parameterDefaults, uniquingKeysWith: { first, _ in first }),
            factory: { [self] overrides in try compile(overrides: overrides).makeEnvironment() },
            multiAgentFactory: definition.makeMultiAgentEnvironment == nil ? nil : { [self] overrides in
                try compile(overrides: overrides).makeMultiAgentEnvironment!()
            })
    }
}
