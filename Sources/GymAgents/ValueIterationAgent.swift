import Gym
import GymNN
import GymPlanning

/// Plans with the environment's known model (value iteration) and acts greedily; learns nothing.
public final class ValueIterationAgent: Agent {
    public let name = "value-iteration"
    public let solution: Solution
    private let gamma: Double

    public init(_ context: inout AgentContext) throws {
        guard let modelled = context.environment.unwrapped as? ModelledEnvironment, let model = modelled.knownModel else {
            throw AgentError.unsupported("value-iteration needs an environment with a known tabular model (tabular, grid, or a solvable matrix game)")
        }
        guard case .discrete = context.environment.observationSpace else {
            throw AgentError.unsupported("value-iteration needs state indices as observations, but the environment's observation space is \(context.environment.observationSpace)")
        }
        var h = Hyperparameters(gamma: context.discount)
        try h.read(&context.settings)
        gamma = h.gamma
        solution = try ValueIteration.solve(model, gamma: gamma)
    }

    public func act(_ observation: Observation, mode: ActMode) -> Action { .discrete(solution.policy[observation.index!]) }

    public func actionValues(_ observation: Observation) -> [Double]? {
        guard let s = observation.index, s >= 0, s < solution.values.count else { return nil }
        let n = solution.actionValues.count / solution.values.count
        return Array(solution.actionValues[(s * n)..<((s + 1) * n)])
    }
    public func learn(_ transition: Transition) -> [String: Double] { [:] }
    public func save(into checkpoint: inout Checkpoint) {}
    public func restore(from checkpoint: Checkpoint) throws {}
    public var settings: [String: String] { Hyperparameters(gamma: gamma).values() }

    public struct Hyperparameters: Configurable {
        public var gamma = 0.99

        public static let keys: [SettingKey<Self>] = [.init("gamma", \.gamma, "The discount of the plan: the environment's where it has one, else this default.")]

        public init() {}
        public init(gamma: Double) { self.gamma = gamma }
    }
}
