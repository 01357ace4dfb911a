/// A registered environment: its id, where it comes from, and how to make one.
public struct EnvironmentSpec {
    /// `name-vN`, or `namespace/name-vN` for plugins.
    public var id: String
    /// "swift", "tabular", "grid", "matrix-game", "dynamics", "plugin"...
    public var kind: String
    /// A one-line description for `gym list`.
    public var title: String
    /// Where it was found: "built-in", a file path, or a plugin path.
    public var source: String
    /// The time limit `Registry.make` applies, if any.
    public var maxEpisodeSteps: Int?
    /// Named numeric parameters and their defaults, overridable at `make` time.
    public var parameters: [String: Double]
    /// Makes a fresh, unwrapped instance with the given parameter overrides (already checked to be known).
    /// For a single-agent environment; a multi-agent one's factory throws, naming the way to make it.
    public var factory: ([String: Double]) throws -> Environment
    /// Makes a multi-agent instance, for environments whose players are all agents; nil otherwise.
    public var multiAgentFactory: (([String: Double]) throws -> MultiAgentEnvironment)?

    /// Whether the environment is multi-agent (`Registry.makeMultiAgent`).
    public var isMultiAgent: Bool { multiAgentFactory != nil }

    public init(id: String, kind: String, title: String, source: String, maxEpisodeSteps: Int? = nil,
                parameters: [String: Double] = [:], factory: @escaping ([String: Double]) throws -> Environment,
                multiAgentFactory: (([String: Double]) throws -> MultiAgentEnvironment)? = nil) {
        self.multiAgentFactory = multiAgentFactory
        self.id = id
        self.kind = kind
        self.title = title
        self.source = source
        self.maxEpisodeSteps = maxEpisodeSteps
        self.parameters = parameters
        self.factory = factory
    }

    /// Throws `GymError.invalidArgument` for an override of a parameter the spec does not have.
    public func checkParameters(_ overrides: [String: Double]) throws {
        try EnvironmentSpec.checkParameters(overrides, known: parameters.keys, id: id)
    }

    /// Throws `GymError.invalidArgument` naming the first override (in sorted order) not in `known`.
    public static func checkParameters<Names: Collection<String>>(_ overrides: [String: Double], known: Names, id: String) throws {
        for name in overrides.keys.sorted() where !known.contains(name) {
            let names = known.sorted()
            throw GymError.invalidArgument("\(id) has no parameter '\(name)'; "
                + (names.isEmpty ? "it has no parameters" : "its parameters are " + names.joined(separator: ", ")))
        }
    }

    /// Whether `id` has the form `name-vN` (lower-case letters, digits, '-', '_', '.'), optionally behind `namespace/`.
    public static func isValidID(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        guard let dash = id.range(of: "-v", options: .backwards) else { return false }
        let version = id[dash.upperBound...]
        let name = parts.last!.dropLast(version.count + 2)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        return !version.isEmpty && version.allSatisfy(\.isNumber) && !name.isEmpty
            && parts.allSatisfy { $0.allSatisfy { allowed.contains($0) } }
    }
}
