/// The game learners by name, with their settings.
public enum GameLearnerKind: String, CaseIterable, Sendable {
    case fictitiousPlay = "fictitious-play"
    case regretMatching = "regret-matching"
    case regretMatchingPlus = "regret-matching-plus"
    case hedge = "hedge"
    case optimisticHedge = "optimistic-hedge"

    /// Hedge's learning rate η. Default 0.1, the step size of the OMWU/MWU comparison in the games notes.
    public static let defaultLearningRate = 0.1

    public var summary: String {
        switch self {
        case .fictitiousPlay: return "best response to the others' empirical play (Brown 1951)"
        case .regretMatching: return "play in proportion to positive summed regret (Hart and Mas-Colell 2000)"
        case .regretMatchingPlus: return "regret matching with regrets clipped at zero and a linear average (Tammelin 2014)"
        case .hedge: return "multiplicative weights on summed payoffs (Freund and Schapire 1997)"
        case .optimisticHedge: return "Hedge counting the latest payoffs twice; its last iterate converges (Daskalakis and Panageas 2019)"
        }
    }

    /// A learner for one player with `actionCount` actions; `learningRate` is Hedge's η (ignored by the others).
    public func make(actionCount: Int, learningRate: Double = defaultLearningRate) -> PlayerLearner {
        switch self {
        case .fictitiousPlay: return FictitiousPlay(actionCount: actionCount)
        case .regretMatching: return RegretMatching(actionCount: actionCount, plus: false)
        case .regretMatchingPlus: return RegretMatching(actionCount: actionCount, plus: true)
        case .hedge: return Hedge(actionCount: actionCount, learningRate: learningRate, optimistic: false)
        case .optimisticHedge: return Hedge(actionCount: actionCount, learningRate: learningRate, optimistic: true)
        }
    }

    /// - Throws: `GameError.invalidGame` naming the known learners.
    public static func named(_ name: String) throws -> GameLearnerKind {
        guard let kind = GameLearnerKind(rawValue: name) else {
            throw GameError.invalidGame("unknown game learner '\(name)'; the game learners are "
                                        + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return kind
    }
}
