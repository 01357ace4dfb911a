/// The largest models the loader accepts, checked before anything of that size is allocated
/// (Specs/limits.md). A file over a limit is an input error at the JSON path, stating the limit.
///
/// The pair limit is what matters for memory: a tabular file with `"missing": "stay"` turns every
/// state-action pair it leaves out into a transition, so a 400 KB file naming 20,000 states and
/// 20,000 actions would otherwise ask for 400 million of them.
public enum ModelLimits {
    /// States of a tabular model (names).
    public static let maxStates = 10_000_000
    /// Actions of a tabular model, and of each player of a matrix game.
    public static let maxActions = 100_000
    /// States times actions of a tabular or grid model: the transitions a model can hold.
    public static let maxStateActionPairs = 10_000_000
    /// Cells of a grid layout.
    public static let maxGridCells = 2_500_000
    /// Entries of one payoff matrix (rows times columns); for a game with `players`, the payoff
    /// entries of all players together (pure profiles times players).
    public static let maxPayoffEntries = 10_000_000
    /// Players of a matrix game with `players`.
    public static let maxPlayers = 64
    /// `max_episode_steps`, `rounds` and an opponent's `window`.
    public static let maxEpisodeSteps = 1_000_000_000

    /// Fails at `path` when `count` of `what` exceeds `limit`; true when within it.
    static func check(_ count: Int, _ limit: Int, _ what: String, at path: JSONPath, _ reader: SpecReader) -> Bool {
        guard count > limit else { return true }
        reader.fail(path, "\(count) \(what) is more than the loader accepts; the limit is \(limit) (Specs/limits.md)")
        return false
    }
}
