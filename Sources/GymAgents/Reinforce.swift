import Gym
import GymNN

/// REINFORCE (Williams, 1992): Monte-Carlo policy gradient on whole episodes, with a baseline.
///
/// At the end of each episode, for every step t with reward-to-go G_t = sum_k gamma^k r_{t+k} and
/// baseline b_t, ascend (1/T) sum_t (G_t - b_t) grad log pi(a_t | s_t) (+ an entropy bonus for discrete
/// policies). Policies: `mlp` (softmax over an MLP's logits for discrete actions, a Gaussian with an
/// MLP mean and state-independent log-std for Box actions) or `linear` (no hidden layer and no bias;
/// for two actions pi(a0 | x) = sigmoid(theta . x), the notes' demand-management model).
/// Baselines: `none`, `mean` (a running mean of returns), `value` (a learned MLP V(s), trained on G_t).
public final class Reinforce: Agent, ResumableAgent {
    /// Defaults: the policy-gradient notes' setting (small networks, Adam, lr 1e-2 for the linear policy's
    /// single parameter family), the baseline as Sutton and Barto (section 13.4) recommend.
    /// Each field is a setting, listed once in `keys` with its `--set` name, what it is and where its
    /// default comes from (`gym agents` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 0.01
        public var valueLearningRate = 0.01
        public var gamma = 0.99
        public var policy = "mlp"
        public var baseline = "mean"
        public var hiddenSizes = [64]
        public var entropyCoefficient = 0.0
        public var baselineRate = 0.05

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "Adam's step size for the policy; the notes' setting."),
            .init("value_learning_rate", \.valueLearningRate, "Adam's step size for the value baseline; as the policy's."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default."),
            .init("policy", \.policy, allowed: ["mlp", "linear"], "`mlp` or `linear` (the notes' demand model)."),
            .init("baseline", \.baseline, allowed: ["none", "mean", "value"], "`none`, `mean` (a running mean of returns) or `value` (a learned V(s)); Sutton and Barto, 13.4."),
            .init("hidden_sizes", \.hiddenSizes, "Hidden layer sizes of the mlp policy and of the value baseline."),
            .init("entropy_coef", \.entropyCoefficient, "Weight of the entropy bonus of discrete policies."),
            .init("baseline_rate", \.baselineRate, "Step size of the running mean baseline (an average of episode-start returns)."),
        ]
    }

    public let name = "reinforce"
    public private(set) var hyperparameters = Hyperparameters()
    private let policy: StochasticPolicy
    private let valueNetwork: MLP?
    private let policyOptimizer: Adam
    private let valueOptimizer: Adam?
    private var rng: RandomSource
    private var runningBaseline = 0.0
    private var episode: (observations: [Float], actions: [[Float]], rewards: [Double]) = ([], [], [])

    public init(_ context: inout AgentContext) throws {
        var h = Hyperparameters()
        h.gamma = context.discount
        try h.read(&context.settings)
        hyperparameters = h
        rng = RandomSource(seed: context.seed)
        let observationSpace = context.environment.observationSpace
        policy = try StochasticPolicy(observationSpace: observationSpace, actionSpace: context.environment.actionSpace,
                                      structure: h.policy == "linear" ? .linear
                                          : .mlp(hiddenSizes: h.hiddenSizes, activation: .tanh, initialization: .pytorchDefault, outputInitialization: .pytorchDefault),
                                      agent: name, rng: &rng)
        policyOptimizer = Adam(policy.parameters, learningRate: Float(h.learningRate))
        let inputs = observationSpace.flatDimension
        if h.baseline == "value" {
            let v = MLP(sizes: [inputs] + h.hiddenSizes + [1], activation: .tanh, rng: &rng)
            v.computesInputGradient = false
            valueNetwork = v
            valueOptimizer = Adam(v.parameters, learningRate: Float(h.valueLearningRate))
        } else {
            valueNetwork = nil
            valueOptimizer = nil
        }
    }

    /// The linear policy's weights (theta), or nil for an MLP policy.
    public var theta: [Float]? { policy.isLinear ? policy.network.layers[0].weight.value : nil }

    public var trainingReport: [String] { theta.map { ["linear policy theta: \($0)"] } ?? [] }

    public func actionProbabilities(_ observation: Observation) -> [Double]? { policy.probabilities(observation) }

    public func act(_ observation: Observation, mode: ActMode) -> Action {
        let (raw, action) = policy.act(observation, greedy: mode == .greedy, rng: &rng)
        lastRawAction = raw
        return action
    }

    /// The policy's raw value of the last action (for Box spaces the unclipped Gaussian sample, whose
    /// log-probability is what is trained).
    private var lastRawAction: [Float] = []

    public func learn(_ t: Transition) -> [String: Double] {
        episode.observations += policy.observationSpace.flatten(t.observation)
        switch t.action {
        case .discrete(let a): episode.actions.append([Float(a)])
        default: episode.actions.append(lastRawAction)
        }
        episode.rewards.append(t.reward)
        guard t.terminated || t.truncated else { return [:] }
        defer { episode = ([], [], []) }
        return update()
    }

    /// The discounted reward-to-go of every step of an episode.
    public static func rewardsToGo(_ rewards: [Double], gamma: Double) -> [Double] {
        var result = rewards
        var running = 0.0
        for t in stride(from: rewards.count - 1, through: 0, by: -1) {
            running = rewards[t] + gamma * running
            result[t] = running
        }
        return result
    }

    /// One policy-gradient step on the finished episode (and one value step for the learned baseline).
    func update() -> [String: Double] {
        let h = hyperparameters
        let steps = episode.rewards.count
        let observations = Matrix(rows: steps, columns: policy.observationSpace.flatDimension, data: episode.observations)
        let returns = Reinforce.rewardsToGo(episode.rewards, gamma: h.gamma)
        var baselines = [Double](repeating: 0, count: steps)
        var stats: [String: Double] = ["return": episode.rewards.reduce(0, +)]
        switch h.baseline {
        case "mean":
            baselines = Array(repeating: runningBaseline, count: steps)
            runningBaseline += h.baselineRate * (returns[0] - runningBaseline)
        case "value":
            let v = valueNetwork!.forward(observations)
            baselines = (0..<steps).map { Double(v[$0, 0]) }
            valueNetwork!.parameters.zeroGradients()
            var gradient = Matrix(rows: 0, columns: 0)
            stats["value_loss"] = Double(Loss.meanSquaredError(v, Matrix(rows: steps, columns: 1, data: returns.map(Float.init)), gradient: &gradient))
            valueNetwork!.backward(gradient)
            valueOptimizer!.step()
        default: break
        }
        // Gradient descent on -(1/T) sum (G - b) log pi - coef * mean entropy: weights are -(G - b) / T.
        let weights = (0..<steps).map { Float(-(returns[$0] - baselines[$0]) / Double(steps)) }
        policy.parameters.zeroGradients()
        let actions = Matrix(rows: steps, columns: episode.actions[0].count, data: episode.actions.flatMap { $0 })
        let (logp, _) = policy.logProbabilities(observations, actions: actions, weights: weights,
                                                entropyWeight: Float(-h.entropyCoefficient) / Float(steps))
        if policy.discreteActions != nil { stats["log_prob"] = Double(logp.reduce(0, +)) / Double(steps) }
        policyOptimizer.step()
        if let theta, theta.count == 1 { stats["theta"] = Double(theta[0]) }
        return stats
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("policy", network: policy.network)
        checkpoint.set("policy.adam", adam: policyOptimizer)
        if let logStd = policy.logStd { checkpoint.set("log_std", shape: logStd.shape, values: logStd.value) }
        if let valueNetwork { checkpoint.set("value", network: valueNetwork) }
        checkpoint.metadata["running_baseline"] = "\(runningBaseline)"
    }

    public func restore(from checkpoint: Checkpoint) throws {
        try checkpoint.load("policy", into: policy.network)
        try checkpoint.load("policy.adam", into: policyOptimizer)
        if let logStd = policy.logStd { logStd.value = try checkpoint.values("log_std", count: logStd.count) }
        if let valueNetwork { try checkpoint.load("value", into: valueNetwork) }
        runningBaseline = Double(checkpoint.metadata["running_baseline"] ?? "0") ?? 0
    }

    /// The networks, the value network's optimiser, the generator, and the episode in progress (its
    /// observations, actions and rewards so far, and the last raw action).
    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        if let valueOptimizer { checkpoint.set("value.adam", adam: valueOptimizer) }
        checkpoint.set("generator", generator: rng)
        checkpoint.set("episode.observations", floats: episode.observations)
        checkpoint.set("episode.actions", floats: episode.actions.flatMap { $0 })
        checkpoint.set("episode.action_width", ints: [episode.actions.first?.count ?? 0])
        checkpoint.set("episode.rewards", doubles: episode.rewards)
        checkpoint.set("last_raw_action", floats: lastRawAction)
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        if let valueOptimizer { try checkpoint.load("value.adam", into: valueOptimizer) }
        rng = try checkpoint.generator("generator")
        let rewards = try checkpoint.doubles("episode.rewards")
        let width = try checkpoint.ints("episode.action_width", count: 1)[0]
        let observations = try checkpoint.floats("episode.observations", count: rewards.count * policy.observationSpace.flatDimension)
        let actions = try checkpoint.floats("episode.actions", count: rewards.count * width)
        guard width > 0 || rewards.isEmpty else { throw AgentError.checkpoint("the episode in progress has actions of width 0") }
        episode = (observations, (0..<rewards.count).map { Array(actions[$0 * width ..< ($0 + 1) * width]) }, rewards)
        lastRawAction = try checkpoint.floats("last_raw_action")
    }

    public var settings: [String: String] { hyperparameters.values() }
}
