import Gym

/// The catalogue of checks, in the order they run (Specs/conformance.md documents each).
public enum Checks {
    public static let all: [ConformanceCheck] = [
        spacesSample, observationsInSpace, resetReturnsInfo, stepBeforeReset, stepAfterEnd, timeLimit, rewardsAndFlags,
        sameSeedSameTrajectory, reseedRestarts, seedsDiffer, observeIsPure, renderIsPure, badActions, transitionsFollowModel,
        initialStateDistribution, modelConsistency, robustness,
    ]
}
