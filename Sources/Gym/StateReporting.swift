/// An environment that can report its internal state as numbers, for tools that print trajectories
/// (`gym rollout --jsonl` writes it as `"state"`). The observation may be a function of the state, or
/// the same thing; the state is what the environment's equations are written in.
///
/// ```swift
/// if let state = (env.unwrapped as? StateReporting)?.stateValues { print(state) }
/// ```
public protocol StateReporting: Environment {
    /// The current state, in the environment's documented order.
    var stateValues: [Double] { get }
}
