import Gym
import GymNN

/// Uniform random actions from the action space: the baseline every learner must beat.
public final class RandomAgent: Agent {
    public let name = "random"
    private let space: Space
    private var rng: RandomSource

    public init(_ context: inout AgentContext) throws {
        space = context.environment.actionSpace
        rng = RandomSource(seed: context.seed)
    }

    public func act(_ observation: Observation, mode: ActMode) -> Action { space.sampleAction(using: &rng) }
    public func learn(_ transition: Transition) -> [String: Double] { [:] }
    public func save(into checkpoint: inout Checkpoint) {}
    public func restore(from checkpoint: Checkpoint) throws {}
    public var settings: [String: String] { [:] }
    public var hasGreedyPolicy: Bool { false }
}
