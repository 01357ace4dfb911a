import Gym
import GymNN

/// Tabular temporal-difference control: Q-learning (off-policy, max target) or SARSA (on-policy,
/// the next action actually taken), with epsilon-greedy exploration decaying linearly.
///
/// Update: Q(s, a) += alpha * (r + gamma * target(s') - Q(s, a)), with target 0 after termination
/// (but not after truncation). Defaults follow Sutton and Barto's examples (alpha 0.1) with a decaying
/// epsilon from 1 to 0.05 over the first half of training.
public final class TabularTD: Agent {
    public enum Rule { case qLearning, sarsa }

    public struct Hyperparameters {
        public var learningRate = 0.1
        public var gamma = 0.99
        public var epsilonStart = 1.0
        public var epsilonEnd = 0.05
        public var explorationFraction = 0.5
        public var initialValue = 0.0
    }

    public let name: String
    public let rule: Rule
    public private(set) var hyperparameters = Hyperparameters()
    public private(set) var q: [Double]
    private let states: Int, actions: Int
    private let epsilon: LinearSchedule
    private var rng: RandomSource
    private var steps = 0
    /// SARSA chooses the next action when it learns; act returns it.
    private var pendingAction: Int?

    public init(_ context: inout AgentContext, rule: Rule) throws {
        self.rule = rule
        name = rule == .qLearning ? "q-learning" : "sarsa"
        states = try requireDiscrete(context.environment.observationSpace, agent: name, role: "observation")
        actions = try requireDiscrete(context.environment.actionSpace, agent: name, role: "action")
        var h = Hyperparameters()
        h.gamma = context.discount
        try context.settings.read("learning_rate", into: &h.learningRate)
        try context.settings.read("gamma", into: &h.gamma)
        try context.settings.read("epsilon_start", into: &h.epsilonStart)
        try context.settings.read("epsilon_end", into: &h.epsilonEnd)
        try context.settings.read("exploration_fraction", into: &h.explorationFraction)
        try context.settings.read("initial_value", into: &h.initialValue)
        hyperparameters = h
        q = Array(repeating: h.initialValue, count: states * actions)
        epsilon = LinearSchedule(start: h.epsilonStart, end: h.epsilonEnd, fraction: h.explorationFraction, totalSteps: context.totalSteps)
        rng = RandomSource(seed: context.seed)
    }

    /// The greedy action (lowest index among ties).
    func greedy(_ s: Int) -> Int {
        var best = 0
        for a in 1..<actions where q[s * actions + a] > q[s * actions + best] { best = a }
        return best
    }

    func epsilonGreedy(_ s: Int) -> Int {
        rng.nextDouble() < epsilon.value(at: steps) ? rng.nextInt(below: actions) : greedy(s)
    }

    public func act(_ observation: Observation, mode: ActMode) -> Action {
        let s = observation.index!
        if mode == .greedy { return .discrete(greedy(s)) }
        if let pending = pendingAction { pendingAction = nil; return .discrete(pending) }
        return .discrete(epsilonGreedy(s))
    }

    public func learn(_ t: Transition) -> [String: Double] {
        steps += 1
        let s = t.observation.index!, a = t.action.index!, s2 = t.nextObservation.index!
        var target = t.reward
        if !t.terminated {
            switch rule {
            case .qLearning:
                target += hyperparameters.gamma * q[s2 * actions + greedy(s2)]
            case .sarsa:
                let next = epsilonGreedy(s2)
                if !t.truncated { pendingAction = next }
                target += hyperparameters.gamma * q[s2 * actions + next]
            }
        }
        let error = target - q[s * actions + a]
        q[s * actions + a] += hyperparameters.learningRate * error
        return ["td_error": abs(error), "epsilon": epsilon.value(at: steps)]
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("q", shape: [states, actions], values: q.map(Float.init))
        checkpoint.metadata["q.double"] = q.map { "\($0.bitPattern)" }.joined(separator: ",")
    }

    public func restore(from checkpoint: Checkpoint) throws {
        guard let exact = checkpoint.metadata["q.double"] else { throw AgentError.checkpoint("the checkpoint has no Q table") }
        let values = exact.split(separator: ",").compactMap { UInt64($0) }.map(Double.init(bitPattern:))
        guard values.count == q.count else { throw AgentError.checkpoint("the Q table has \(values.count) entries, expected \(q.count)") }
        q = values
    }

    public var settings: [String: String] {
        let h = hyperparameters
        return ["learning_rate": "\(h.learningRate)", "gamma": "\(h.gamma)", "epsilon_start": "\(h.epsilonStart)",
                "epsilon_end": "\(h.epsilonEnd)", "exploration_fraction": "\(h.explorationFraction)", "initial_value": "\(h.initialValue)"]
    }
}
