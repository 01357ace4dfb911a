import GymGames

/// What a `SelfPlayRun.start` did: run.json's record as written at the end, the exploitability curve
/// and the final policies.
public struct SelfPlayRunOutcome {
    /// run.json as the run left it (`status` "finished" or "interrupted").
    public let record: SelfPlayRunRecord
    /// The step at which the run's `stopRequested` hook stopped it; nil for a run that finished.
    public let interruptedAt: Int?
    /// The exploitability at every evaluation, a resumed run's earlier ones included.
    public let points: [SelfPlayRun.Point]
    public let game: NormalFormGame
    /// The time-averaged policy and the current one at the end.
    public let average: StrategyProfile
    public let current: StrategyProfile
    /// Wall time of this part of the run.
    public let seconds: Double
    /// Whether `SelfPlayRun(resuming:)` can continue the run.
    public let resumable: Bool
}
