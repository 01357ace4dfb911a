import Gym

/// An environment whose dynamics are given by a known `TabularModel`: solvers plan with it, and the
/// conformance suite checks that sampled transitions follow it.
///
/// A caller may rely on: observations of a modelled environment with a `Discrete` observation space
/// are model state indices; every step samples an outcome of `knownModel` from `currentState` with the
/// model's probabilities (the `stochastics.*` and `model.consistency` checks test it); `currentState` is
/// nil only before the first reset.
///
/// ```swift
/// if let model = (env.unwrapped as? ModelledEnvironment)?.knownModel {
///     let solution = try ValueIteration.solve(model, gamma: 0.99)
///     print(model.startValue(solution.values))
/// }
/// ```
public protocol ModelledEnvironment: Environment {
    /// The model the environment samples from, when it has one.
    var knownModel: TabularModel? { get }
    /// The model state the environment is in, or nil before the first reset.
    var currentState: Int? { get }
}
