import Gym

/// What an agent is built for: the environment (spaces, discount, model) and the training budget.
public struct AgentContext {
    public var environment: Environment
    public var seed: UInt64
    /// The number of environment steps training will take (schedules are fractions of it).
    public var totalSteps: Int
    public var settings: Settings

    public init(environment: Environment, seed: UInt64 = 0, totalSteps: Int = 100_000, settings: Settings = Settings()) {
        self.environment = environment
        self.seed = seed
        self.totalSteps = totalSteps
        self.settings = settings
    }

    /// The environment's discount, else 0.99: where each agent's `gamma` setting starts, before `--set gamma=...`.
    public var discount: Double { environment.metadata.discount ?? 0.99 }
}

/// The agents by name, as `gym train --agent NAME` uses them.
public enum AgentRegistry {
    public typealias Factory = (inout AgentContext) throws -> Agent

    public static let agents: [(name: String, summary: String, settings: [SettingDescription], make: Factory)] = [
        ("random", "uniform random actions (a baseline)", [], { try RandomAgent(&$0) }),
        ("q-learning", "tabular Q-learning, epsilon-greedy", TabularTD.Hyperparameters.descriptions(), { try TabularTD(&$0, rule: .qLearning) }),
        ("sarsa", "tabular SARSA, epsilon-greedy", TabularTD.Hyperparameters.descriptions(), { try TabularTD(&$0, rule: .sarsa) }),
        ("value-iteration", "plans with the known model; learns nothing", ValueIterationAgent.Hyperparameters.descriptions(),
         { try ValueIterationAgent(&$0) }),
        ("dqn", "deep Q-network: replay, target network, double DQN option", DQN.Hyperparameters.descriptions(), { try DQN(&$0) }),
        ("reinforce", "Monte-Carlo policy gradient with baseline; softmax, Gaussian or linear policy", Reinforce.Hyperparameters.descriptions(),
         { try Reinforce(&$0) }),
        ("dpg", "deterministic policy gradient actor-critic (DDPG; TD3 options)", DPG.Hyperparameters.descriptions(), { try DPG(&$0) }),
        ("sac", "soft actor-critic: squashed Gaussian actor, twin critics, learned entropy temperature", SAC.Hyperparameters.descriptions(),
         { try SAC(&$0) }),
        ("a2c", "advantage actor-critic: n-step returns, one update per rollout",
         PPO.Hyperparameters.descriptions(keys: PPO.Hyperparameters.a2cKeys, defaults: .a2c), { try PPO(&$0, variant: .a2c) }),
        ("ppo", "proximal policy optimisation: clipped surrogate, GAE, minibatch epochs", PPO.Hyperparameters.descriptions(), { try PPO(&$0) }),
    ]

    public static var names: [String] { agents.map(\.name) }

    /// The settings of agent `name`, as `gym agents` lists them.
    public static func settings(_ name: String) throws -> [SettingDescription] {
        _ = try factory(name)
        return agents.first { $0.name == name }!.settings
    }

    /// The factory of agent `name`.
    /// - Throws: `AgentError.unsupported` listing the agents when there is no agent of that name.
    public static func factory(_ name: String) throws -> Factory {
        guard let entry = agents.first(where: { $0.name == name }) else {
            let close = suggestions(for: name, among: names, limit: 1).first.map { "did you mean '\($0)'? " } ?? ""
            throw AgentError.unsupported("unknown agent '\(name)'; \(close)available: \(names.joined(separator: ", "))")
        }
        return entry.make
    }

    /// Makes agent `name` for the context; unknown names, unknown settings and unsupported spaces are errors.
    public static func make(_ name: String, context: AgentContext) throws -> Agent {
        let make = try factory(name)
        var context = context
        let agent = try make(&context)
        try context.settings.checkAllUsed(agent: name, known: try settings(name).map(\.key))
        return agent
    }
}

/// Checks that a space is `Discrete` (for agents that need discrete actions or tabular observations).
func requireDiscrete(_ space: Space, agent: String, role: String) throws -> Int {
    guard case .discrete(let d) = space, d.start == 0 else {
        throw AgentError.unsupported("\(agent) needs a Discrete \(role) space starting at 0, but the environment's is \(space)")
    }
    return d.n
}
