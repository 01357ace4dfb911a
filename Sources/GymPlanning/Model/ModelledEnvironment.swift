import Gym

/// An environment whose dynamics are given by a known `TabularModel`: solvers plan with it, and the
/// conformance suite checks that sampled transitions follow it.
public protocol ModelledEnvironment: Environment {
    /// The model the environment samples from, when it has one.
    var knownModel: TabularModel? { get }
    /// The model state the environment is in, or nil before the first reset.
    var currentState: Int? { get }
}
