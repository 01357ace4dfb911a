/// The file an environment came from (a JSON MDP, a plugin) and the hash of its contents, as checkpoints
/// record them (`environment_file`, `environment_hash`: `AgentCheckpoint.contentHash(of:)`), so that a
/// checkpoint taken from another version of the file can be told apart.
public struct EnvironmentFileStamp: Equatable, Sendable {
    public let path: String
    public let hash: String

    public init(path: String, hash: String) {
        self.path = path
        self.hash = hash
    }
}
