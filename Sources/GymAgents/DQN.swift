import Gym
import GymNN

/// Deep Q-network (Mnih et al., 2015): an MLP Q-function trained on minibatches from a replay buffer
/// towards targets from a periodically copied target network, acting epsilon-greedily.
///
/// Reads top to bottom: hyperparameters, networks, act, learn (store, then every `trainFrequency`
/// steps `gradientSteps` updates), update. Discrete observations are one-hot encoded (`Space.flatten`).
public final class DQN: VectorAgent, ResumableAgent {
    /// Defaults: RL Zoo's tuned DQN for CartPole-v1 (rl-baselines3-zoo, hyperparams/dqn.yml; "RL Zoo"
    /// below), and SB3's DQN defaults where the Zoo sets nothing ("SB3").
    /// Each field is a setting, listed once in `keys` with its `--set` name, what it is and where its
    /// default comes from (`gym agents` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 2.3e-3
        public var bufferSize = 100_000
        public var learningStarts = 1000
        public var batchSize = 64
        public var gamma = 0.99
        public var targetUpdateInterval = 10
        public var tau = 1.0
        public var trainFrequency = 256
        public var gradientSteps = 128
        public var explorationFraction = 0.16
        public var explorationInitialEpsilon = 1.0
        public var explorationFinalEpsilon = 0.04
        public var hiddenSizes = [256, 256]
        public var maxGradNorm = 10.0
        public var doubleDQN = false
        public var learningRateDecay = false
        public var numEnvs = 1

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "Adam's step size; RL Zoo's for CartPole."),
            .init("buffer_size", \.bufferSize, "Transitions the replay buffer holds; RL Zoo's."),
            .init("learning_starts", \.learningStarts, "Environment steps before the first update; RL Zoo's."),
            .init("batch_size", \.batchSize, "Transitions per gradient step; RL Zoo's."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default (SB3's)."),
            .init("target_update_interval", \.targetUpdateInterval, "Environment steps between target-network updates; RL Zoo's."),
            .init("tau", \.tau, "Polyak coefficient of the target update, at its largest a hard copy; SB3's."),
            .init("train_frequency", \.trainFrequency, "Environment steps between training phases; RL Zoo's."),
            .init("gradient_steps", \.gradientSteps, "Gradient steps per training phase; RL Zoo's."),
            .init("exploration_fraction", \.explorationFraction, "Fraction of training over which epsilon falls; RL Zoo's."),
            .init("exploration_initial_eps", \.explorationInitialEpsilon, "Epsilon at the start; SB3's."),
            .init("exploration_final_eps", \.explorationFinalEpsilon, "Epsilon after the exploration fraction; RL Zoo's."),
            .init("hidden_sizes", \.hiddenSizes, "Hidden layer sizes of the Q-network; RL Zoo's net_arch."),
            .init("max_grad_norm", \.maxGradNorm, "Gradient norm clip; SB3's."),
            .init("learning_rate_decay", \.learningRateDecay, "Let the step size fall linearly to nothing over the run, as SB3's linear schedule (RL Zoo's lin_ prefix); RL Zoo's CartPole setting keeps it constant."),
            .init("double_dqn", \.doubleDQN, "Take the bootstrap action from the online network (van Hasselt et al., 2016); SB3 has none."),
            .init("num_envs", \.numEnvs, "Environments stepped together, each step adding one transition per copy; SB3's."),
        ]
    }

    public let name = "dqn"
    public private(set) var hyperparameters = Hyperparameters()
    public let online: MLP
    public let target: MLP
    private let optimizer: Adam
    private let buffer: ReplayBuffer
    public let observationSpace: Space
    private let actionCount: Int
    private let epsilon: LinearSchedule
    /// The run's length, over which a decaying step size falls.
    private let totalSteps: Int
    private var rng: RandomSource
    private var steps = 0
    /// Gradient steps taken so far.
    public private(set) var updateCount = 0
    private var batch = ReplayBuffer.Batch()
    /// Q(s, a) of the taken actions, their TD targets r + gamma * (1 - terminated) * bootstrap, and the
    /// loss's gradient with respect to the former.
    private var takenValues = Matrix(rows: 0, columns: 0)
    private var tdTargets = Matrix(rows: 0, columns: 0)
    private var takenGradient = Matrix(rows: 0, columns: 0)
    private var gradient = Matrix(rows: 0, columns: 0)

    public init(_ context: inout AgentContext) throws {
        actionCount = try requireDiscrete(context.environment.actionSpace, agent: "dqn", role: "action")
        observationSpace = context.environment.observationSpace
        var h = Hyperparameters()
        h.gamma = context.discount
        try h.read(&context.settings)
        guard h.batchSize > 0, h.bufferSize > 0, h.trainFrequency > 0, h.targetUpdateInterval > 0, h.numEnvs > 0 else {
            throw AgentError.invalidSetting("dqn: batch_size, buffer_size, train_frequency, target_update_interval and num_envs must be positive")
        }
        hyperparameters = h
        rng = RandomSource(seed: context.seed)
        let sizes = [observationSpace.flatDimension] + h.hiddenSizes + [actionCount]
        online = MLP(sizes: sizes, rng: &rng)
        target = MLP(sizes: sizes, rng: &rng)
        online.computesInputGradient = false
        target.parameters.copyValues(from: online.parameters)
        optimizer = Adam(online.parameters, learningRate: Float(h.learningRate))
        buffer = ReplayBuffer(capacity: h.bufferSize, observationSpace: observationSpace, actions: .index)
        epsilon = LinearSchedule(start: h.explorationInitialEpsilon, end: h.explorationFinalEpsilon,
                                 fraction: h.explorationFraction, totalSteps: context.totalSteps)
        totalSteps = context.totalSteps
    }

    /// Adam's step size now: `learning_rate`, or less with `learning_rate_decay`.
    public var currentLearningRate: Double { Double(optimizer.learningRate) }

    /// The Q-values of one observation.
    public func qValues(_ observation: Observation) -> [Float] { online.predict(observationSpace.flatten(observation)) }

    public func actionValues(_ observation: Observation) -> [Double]? { qValues(observation).map(Double.init) }

    /// Exploring: `act(rows:count:)` on the one observation.
    public func act(_ observation: Observation, mode: ActMode) -> Action {
        if mode == .explore { return exploringAction(observation, form: .indices) }
        let q = qValues(observation)
        return .discrete(q.indices.max { q[$0] < q[$1] }!)
    }

    public var environmentCount: Int { hyperparameters.numEnvs }

    /// Epsilon-greedy actions for every row, from one forward pass.
    public func act(rows observations: [Float], count: Int, into actions: inout ActionRows) {
        let q = online.forward(Matrix(rows: count, columns: observationSpace.flatDimension, data: observations))
        let eps = epsilon.value(at: steps)
        for r in 0..<count {
            if rng.nextDouble() < eps {
                actions.indices[r] = rng.nextInt(below: actionCount)
                continue
            }
            var best = 0
            for a in 1..<actionCount where q[r, a] > q[r, best] { best = a }
            actions.indices[r] = best
        }
    }

    public func learn(_ step: VectorTransition) -> [String: Double] {
        buffer.add(step)
        return collected(step.rewards.count)
    }

    /// After `n` more transitions: the training phases and target updates whose step counts were passed
    /// (with one environment, every `train_frequency` and every `target_update_interval` steps).
    private func collected(_ n: Int) -> [String: Double] {
        let h = hyperparameters, before = steps
        steps += n
        var stats: [String: Double] = [:]
        if steps > h.learningStarts && steps / h.trainFrequency > before / h.trainFrequency {
            if h.learningRateDecay {
                optimizer.learningRate = Float(h.learningRate * max(0, 1 - Double(steps) / Double(max(totalSteps, 1))))
            }
            var loss = 0.0
            for _ in 0..<h.gradientSteps { loss += update() }
            stats["loss"] = loss / Double(h.gradientSteps)
        }
        if steps / h.targetUpdateInterval > before / h.targetUpdateInterval {
            if h.tau >= 1 { target.parameters.copyValues(from: online.parameters) }
            else { target.parameters.polyakUpdate(from: online.parameters, tau: Float(h.tau)) }
        }
        stats["epsilon"] = epsilon.value(at: steps)
        return stats
    }

    /// One gradient step on a sampled minibatch: Huber loss between Q(s, a) and
    /// r + gamma * (1 - terminated) * Q_target(s', argmax) — the argmax from the online network for double DQN.
    func update() -> Double {
        updateCount += 1
        let n = hyperparameters.batchSize
        buffer.sample(n, into: &batch, using: &rng)
        let nextTarget = target.forward(batch.nextObservations)
        var bootstrap = [Float](repeating: 0, count: n)
        if hyperparameters.doubleDQN {
            let nextOnline = online.forward(batch.nextObservations)
            for r in 0..<n {
                var best = 0
                for a in 1..<actionCount where nextOnline[r, a] > nextOnline[r, best] { best = a }
                bootstrap[r] = nextTarget[r, best]
            }
        } else {
            for r in 0..<n {
                var best = nextTarget[r, 0]
                for a in 1..<actionCount { best = max(best, nextTarget[r, a]) }
                bootstrap[r] = best
            }
        }
        online.parameters.zeroGradients()
        let q = online.forward(batch.observations)
        let gamma = Float(hyperparameters.gamma)
        takenValues.resize(rows: n, columns: 1)
        tdTargets.resize(rows: n, columns: 1)
        for r in 0..<n {
            takenValues[r, 0] = q[r, batch.actionIndices[r]]
            tdTargets[r, 0] = batch.rewards[r] + gamma * (1 - batch.terminals[r]) * bootstrap[r]
        }
        let loss = Loss.huber(takenValues, tdTargets, gradient: &takenGradient)
        // Only the taken action's value has a target: the others get zero gradient.
        gradient.resize(rows: n, columns: actionCount)
        for r in 0..<n {
            for c in 0..<actionCount { gradient[r, c] = 0 }
            gradient[r, batch.actionIndices[r]] = takenGradient[r, 0]
        }
        online.backward(gradient)
        online.parameters.clipGradientNorm(Float(hyperparameters.maxGradNorm))
        optimizer.step()
        return Double(loss)
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("online", network: online)
        checkpoint.set("target", network: target)
        checkpoint.set("online.adam", adam: optimizer)
    }

    public func restore(from checkpoint: Checkpoint) throws {
        try checkpoint.load("online", into: online)
        try checkpoint.load("target", into: target)
        try checkpoint.load("online.adam", into: optimizer)
    }

    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        checkpoint.set("generator", generator: rng)
        checkpoint.set("counters", ints: [steps, updateCount])
        buffer.save(into: &checkpoint, as: "replay")
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        rng = try checkpoint.generator("generator")
        let counters = try checkpoint.ints("counters", count: 2)
        (steps, updateCount) = (counters[0], counters[1])
        try buffer.restore(from: checkpoint, as: "replay")
    }

    public var settings: [String: String] { hyperparameters.values() }
}
