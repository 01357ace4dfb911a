/// A policy that does not learn, for the agents a ``SingleLearnerEnvironment`` plays itself: a mixed
/// strategy, a fixed cycle of moves, or a model that reacts to what happened.
///
/// Contract: `start(seed:)` begins an episode (a seed reseeds the policy's own generator, nil goes
/// on); `act` returns an element of the agent's action space; `record` is told every agent's action
/// after each step, so that a policy may remember the others' moves.
public protocol FixedPolicy: AnyObject {
    func start(seed: UInt64?)
    func act(_ observation: Observation) -> Action
    func record(_ actions: [String: Action])
}

extension FixedPolicy {
    public func record(_ actions: [String: Action]) {}
}
