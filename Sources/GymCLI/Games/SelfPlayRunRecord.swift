import Foundation

/// run.json of a self-play run (`gym train GAME --self-play NAME | --agents A,B`): what the run is (enough
/// for `--resume`), its status and, once there are any, its results. The field names are the file's since
/// it was first written; the seed is a `UInt64`, written as an exact JSON integer.
struct SelfPlayRunRecord: RunRecordFile, Equatable {
    var environment: String
    /// A game learner's name, or one agent name per player.
    var learners: [String]
    @WholeNumber var steps: Int
    @WholeNumber var seed: UInt64
    var sampled: Bool
    var seconds: Double
    var status: RunStatus
    @WholeNumber var evalEvery: Int
    var resumable: Bool
    var environmentFile: String?
    /// The last exploitability of the average policy and of the current one.
    var exploitability: Double?
    var exploitabilityCurrent: Double?
    /// Each player's probabilities of its actions, at the end.
    var averagePolicy: [String: [Double]]?
    var currentPolicy: [String: [Double]]?
    /// Written only when some were given.
    var settings: [String: String]?

    enum CodingKeys: String, CodingKey {
        case environment, learners, steps, seed, sampled, seconds, status, resumable, exploitability, settings
        case evalEvery = "eval_every"
        case environmentFile = "environment_file"
        case exploitabilityCurrent = "exploitability_current"
        case averagePolicy = "average_policy"
        case currentPolicy = "current_policy"
    }
}
