import Foundation

/// run.json of a `gym train` run: what the run is (enough for `--resume`), where it stands, and its
/// results so far. The field names are the file's since it was first written, so that older run
/// directories still resume; the seed is a `UInt64`, written as an exact JSON integer.
public struct TrainingRunRecord: RunRecordFile, Equatable {
    /// The last evaluation: its mean, standard deviation and standard error, and its step.
    public struct FinalEvaluation: Codable, Equatable {
        public var mean: Double
        public var std: Double
        public var standardError: Double
        @WholeNumber public var step: Int

        enum CodingKeys: String, CodingKey {
            case mean, std, step
            case standardError = "standard_error"
        }
    }

    /// The best evaluation so far, kept in best.ckpt.
    public struct BestEvaluation: Codable, Equatable {
        public var mean: Double
        @WholeNumber public var step: Int
    }

    /// The timeout, in seconds, of each call to an isolated plugin.
    public struct PluginIsolationRecord: Codable, Equatable {
        public var timeout: Double
    }

    public var status: RunStatus
    /// The steps whose results the run directory holds (while running, the step of the evaluation that last wrote them).
    @WholeNumber public var stepsDone: Int
    public var resumable: Bool
    public var agent: String
    public var environment: String
    @WholeNumber public var steps: Int
    @WholeNumber public var seed: UInt64
    /// The environment's parameter overrides (`--param`).
    public var parameters: [String: Double]
    /// The agent's settings, every one with the value used.
    public var settings: [String: String]
    @WholeNumber public var evaluationInterval: Int
    @WholeNumber public var evaluationEpisodes: Int
    /// The last evaluation; null before the first.
    public var finalEvaluation: FinalEvaluation?
    /// The training episodes finished.
    @WholeNumber public var episodes: Int
    public var wallSeconds: Double
    /// How plugins ran, so that a resumed run runs them the same way (in a child, as a vector's batch).
    public var pluginIsolation: PluginIsolationRecord?
    public var environmentFile: String?
    /// Written only when true.
    public var keepBest: Bool?
    public var bestEvaluation: BestEvaluation?

    enum CodingKeys: String, CodingKey {
        case status, resumable, agent, environment, steps, seed, parameters, settings, episodes
        case stepsDone = "steps_done"
        case evaluationInterval = "evaluation_interval"
        case evaluationEpisodes = "evaluation_episodes"
        case finalEvaluation = "final_evaluation"
        case wallSeconds = "wall_seconds"
        case pluginIsolation = "plugin_isolation"
        case environmentFile = "environment_file"
        case keepBest = "keep_best"
        case bestEvaluation = "best_evaluation"
    }

    /// As the synthesised encoding, but `final_evaluation` is written as null before the first evaluation,
    /// as run.json always had it.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(status, forKey: .status)
        try c.encode(stepsDone, forKey: .stepsDone)
        try c.encode(resumable, forKey: .resumable)
        try c.encode(agent, forKey: .agent)
        try c.encode(environment, forKey: .environment)
        try c.encode(steps, forKey: .steps)
        try c.encode(seed, forKey: .seed)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(settings, forKey: .settings)
        try c.encode(evaluationInterval, forKey: .evaluationInterval)
        try c.encode(evaluationEpisodes, forKey: .evaluationEpisodes)
        try c.encode(finalEvaluation, forKey: .finalEvaluation)
        try c.encode(episodes, forKey: .episodes)
        try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encodeIfPresent(pluginIsolation, forKey: .pluginIsolation)
        try c.encodeIfPresent(environmentFile, forKey: .environmentFile)
        try c.encodeIfPresent(keepBest, forKey: .keepBest)
        try c.encodeIfPresent(bestEvaluation, forKey: .bestEvaluation)
    }
}
