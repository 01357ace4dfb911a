import Gym
import GymNN

/// Whether an agent explores (training) or acts greedily (evaluation).
public enum ActMode: Sendable { case explore, greedy }

/// One environment step as an agent learns from it.
public struct Transition {
    public var observation: Observation
    public var action: Action
    public var reward: Double
    public var nextObservation: Observation
    /// The MDP ended: value targets must not bootstrap from `nextObservation`.
    public var terminated: Bool
    /// The episode was cut by a time limit: targets still bootstrap from `nextObservation`.
    public var truncated: Bool

    public init(observation: Observation, action: Action, reward: Double, nextObservation: Observation, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.action = action
        self.reward = reward
        self.nextObservation = nextObservation
        self.terminated = terminated
        self.truncated = truncated
    }
}

/// One step of every copy of a vector of environments, as an agent that trains on several copies
/// learns from it. Rows are the copies' flattened observations (`Space.flatten`), copy `i` in row `i`.
public struct VectorTransition {
    /// The observations the actions were chosen in.
    public var observations: [Float]
    /// The actions `act(rows:count:into:)` wrote.
    public var actions: ActionRows
    public var rewards: [Double]
    /// The observations after the step; for a copy whose episode ended, its final observation (not the
    /// reset one the vector went on from).
    public var nextObservations: [Float]
    public var terminated: [Bool]
    public var truncated: [Bool]

    public init(observations: [Float], actions: ActionRows, rewards: [Double], nextObservations: [Float], terminated: [Bool], truncated: [Bool]) {
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.nextObservations = nextObservations
        self.terminated = terminated
        self.truncated = truncated
    }
}

/// An agent that acts and learns on rows: every step of a vector of copies of its environment at once
/// (a `VectorEnvironment`; one copy for a single environment).
///
/// Contract: the `Trainer` steps `environmentCount` copies (or one) in same-step autoreset mode, calls
/// `act(rows:count:into:)` with their observations and `learn(_:)` with every step's `VectorTransition`;
/// `act(_:mode:)` serves evaluation (greedy), and, exploring, acts as `act(rows:count:into:)` on one row.
/// `learn(_: Transition)` is `learn(_: VectorTransition)` on one copy, for callers that step one
/// environment themselves (self-play): an agent has one learn path.
public protocol VectorAgent: Agent {
    /// The copies to train on (the setting `num_envs`).
    var environmentCount: Int { get }
    /// The space of the observations whose flattened rows `act(rows:count:into:)` and `learn(_:)` take.
    var observationSpace: Space { get }
    /// Writes an exploring action for every row of `observations` (`count` rows) into `actions`, which holds
    /// `count` actions in the form of the action space (`ActionRows(count:space:)`).
    func act(rows observations: [Float], count: Int, into actions: inout ActionRows)
    /// Learns from one step of every copy; returns training statistics, empty when no update happened.
    func learn(_ step: VectorTransition) -> [String: Double]
}

extension VectorAgent {
    /// `learn(_: VectorTransition)` on one copy's transition, its observations flattened.
    public func learn(_ transition: Transition) -> [String: Double] {
        learn(VectorTransition(transition, observationSpace: observationSpace))
    }

    /// An exploring action in one observation: `act(rows:count:into:)` on its flattened row, the action
    /// held in `form`.
    public func exploringAction(_ observation: Observation, form: ActionRows.Form) -> Action {
        var actions = ActionRows(count: 1, form: form)
        act(rows: observationSpace.flatten(observation), count: 1, into: &actions)
        return actions.action(0)
    }
}

extension VectorTransition {
    /// One environment's transition as a step of one copy, its observations flattened (`Space.flatten`).
    public init(_ t: Transition, observationSpace: Space) {
        self.init(observations: observationSpace.flatten(t.observation), actions: ActionRows(t.action), rewards: [t.reward],
                  nextObservations: observationSpace.flatten(t.nextObservation), terminated: [t.terminated], truncated: [t.truncated])
    }
}

/// Errors creating, configuring or loading agents.
public enum AgentError: Error, CustomStringConvertible, Equatable {
    case unsupported(String)
    case invalidSetting(String)
    case checkpoint(String)

    public var description: String {
        switch self {
        case .unsupported(let m), .invalidSetting(let m), .checkpoint(let m): return m
        }
    }
}

/// A learning (or planning) agent that plugs into any environment whose spaces it supports.
///
/// Contract: `act` returns an element of the action space; `learn` is called by the `Trainer` after
/// every step with that step's transition and returns named training statistics (losses), empty
/// when no update happened; `save`/`restore` write and read the agent's learned state (networks,
/// tables, optimiser state) so that a restored agent acts exactly like the saved one.
///
/// ```swift
/// let agent = try AgentRegistry.make("q-learning", context: AgentContext(environment: env, totalSteps: 10_000))
/// let action = agent.act(observation, mode: .explore)          // an element of env.actionSpace
/// let step = try env.step(action)
/// _ = agent.learn(Transition(observation: observation, action: action, reward: step.reward,
///                            nextObservation: step.observation, terminated: step.terminated, truncated: step.truncated))
/// ```
public protocol Agent: AnyObject {
    /// The registry name (`dqn`, `q-learning`, ...).
    var name: String { get }
    func act(_ observation: Observation, mode: ActMode) -> Action
    func learn(_ transition: Transition) -> [String: Double]
    func save(into checkpoint: inout Checkpoint)
    func restore(from checkpoint: Checkpoint) throws
    /// The hyperparameters in use, for run.json.
    var settings: [String: String] { get }
    /// For stochastic policies, the action probabilities in an observation (gym act); nil otherwise.
    func actionProbabilities(_ observation: Observation) -> [Double]?
    /// For value-based agents, the estimated value of each action in an observation (gym act); nil otherwise.
    func actionValues(_ observation: Observation) -> [Double]?
    /// Lines worth printing after training, such as the weights of a linear policy; none by default.
    var trainingReport: [String] { get }
    /// Whether `act(_:mode: .greedy)` follows a learned or planned policy; false for the random baseline,
    /// which acts randomly in every mode.
    var hasGreedyPolicy: Bool { get }
}

extension Agent {
    public func actionProbabilities(_ observation: Observation) -> [Double]? { nil }
    public func actionValues(_ observation: Observation) -> [Double]? { nil }
    public var trainingReport: [String] { [] }
    public var hasGreedyPolicy: Bool { true }
}
