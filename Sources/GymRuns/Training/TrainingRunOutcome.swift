import GymAgents

/// What a `TrainingRun.start` did: run.json's record as written at the end, and what a caller reports
/// beside it.
public struct TrainingRunOutcome {
    /// run.json as the run left it (`status` "finished" or "interrupted").
    public let record: TrainingRunRecord
    /// The steps taken when the run's `stopRequested` hook stopped it; nil for a run that finished.
    public let interruptedAt: Int?
    /// Every evaluation of the run, a resumed run's earlier ones included.
    public let evaluations: [EvaluationRecord]
    /// The first evaluation with the highest mean, kept in best.ckpt, when the run keeps the best.
    public let bestEvaluation: EvaluationRecord?
    /// Wall time of the run, a resumed run's earlier time included.
    public let seconds: Double
    /// Whether the directory holds a resume.ckpt (`gym train --resume` can continue the run).
    public let resumable: Bool
    /// Whether the agent's evaluations were greedy (else it has no greedy policy, and they sampled).
    public let hasGreedyPolicy: Bool
    /// The agent's own lines about its training (`Agent.trainingReport`).
    public let trainingReport: [String]
}
