import Gym
import GymNN

/// Tabular temporal-difference control: Q-learning (off-policy, max target) or SARSA (on-policy,
/// the next action actually taken), with epsilon-greedy exploration decaying linearly.
///
/// Update: Q(s, a) += alpha * (r + gamma * target(s') - Q(s, a)), with target 0 after termination
/// (but not after truncation). Defaults follow Sutton and Barto's examples (alpha 0.1) with a decaying
/// epsilon from 1 to 0.05 over the first half of training.
public final class TabularTD: Agent, ResumableAgent {
    public enum Rule { case qLearning, sarsa }

    /// Each field is a setting, listed once in `keys` with its `--set` name, what it is and where its
    /// default comes from (`gym agents` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 0.1
        public var gamma = 0.99
        public var epsilonStart = 1.0
        public var epsilonEnd = 0.05
        public var explorationFraction = 0.5
        public var initialValue = 0.0

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "The step size alpha; Sutton and Barto's examples."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default."),
            .init("epsilon_start", \.epsilonStart, "Epsilon at the start: explore everything first."),
            .init("epsilon_end", \.epsilonEnd, "Epsilon after the exploration fraction."),
            .init("exploration_fraction", \.explorationFraction, "Fraction of training over which epsilon falls linearly."),
            .init("initial_value", \.initialValue, "Q(s, a) before any update (optimistic values speed up exploration where rewards are negative)."),
        ]
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
        try h.read(&context.settings)
        hyperparameters = h
        q = Array(repeating: h.initialValue, count: states * actions)
        epsilon = LinearSchedule(start: h.epsilonStart, end: h.epsilonEnd, fraction: h.explorationFraction, totalSteps: context.totalSteps)
        rng = RandomSource(seed: context.seed)
    }

    public func actionValues(_ observation: Observation) -> [Double]? {
        guard let s = observation.index, s >= 0, s < states else { return nil }
        return Array(q[(s * actions)..<((s + 1) * actions)])
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
        var tdTarget = t.reward
        if !t.terminated {
            switch rule {
            case .qLearning:
                tdTarget += hyperparameters.gamma * q[s2 * actions + greedy(s2)]
            case .sarsa:
                let next = epsilonGreedy(s2)
                if !t.truncated { pendingAction = next }
                tdTarget += hyperparameters.gamma * q[s2 * actions + next]
            }
        }
        let tdError = tdTarget - q[s * actions + a]
        q[s * actions + a] += hyperparameters.learningRate * tdError
        return ["td_error": abs(tdError), "epsilon": epsilon.value(at: steps)]
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

    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        checkpoint.set("generator", generator: rng)
        checkpoint.set("counters", ints: [steps, pendingAction ?? -1])
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        rng = try checkpoint.generator("generator")
        let counters = try checkpoint.ints("counters", count: 2)
        guard counters[1] >= -1, counters[1] < actions else { throw AgentError.checkpoint("the saved pending action \(counters[1]) is not an action") }
        steps = counters[0]
        pendingAction = counters[1] < 0 ? nil : counters[1]
    }

    public var settings: [String: String] { hyperparameters.values() }
}
