import Foundation

/// run.json of a self-play run (`gym train GAME --self-play NAME | --agents A,B`): what the run is (enough
/// for `--resume`), its status and, once there are any, its results. The field names are the file's since
/// it was first written; the seed is a `UInt64`, written as an exact JSON integer.
public struct SelfPlayRunRecord: RunRecordFile, Equatable {
    public var environment: String
    /// A game learner's name, or one agent name per player.
    public var learners: [String]
    @WholeNumber public var steps: Int
    @WholeNumber public var seed: UInt64
    public var sampled: Bool
    public var seconds: Double
    public var status: RunStatus
    @WholeNumber public var evalEvery: Int
    public var resumable: Bool
    public var environmentFile: String?
    /// The last exploitability of the average policy and of the current one.
    public var exploitability: Double?
    public var exploitabilityCurrent: Double?
    /// Each player's probabilities of its actions, at the end.
    public var averagePolicy: [String: [Double]]?
    public var currentPolicy: [String: [Double]]?
    /// Written only when some were given.
    public var settings: [String: String]?

    enum CodingKeys: String, CodingKey {
        case environment, learners, steps, seed, sampled, seconds, status, resumable, exploitability, settings
        case evalEvery = "eval_every"
        case environmentFile = "environment_file"
        case exploitabilityCurrent = "exploitability_current"
        case averagePolicy = "average_policy"
        case currentPolicy = "current_policy"
    }
}
