import Gym
import GymNN

/// Deep Q-network (Mnih et al., 2015): an MLP Q-function trained on minibatches from a replay buffer
/// towards targets from a periodically copied target network, acting epsilon-greedily.
///
/// Reads top to bottom: hyperparameters, networks, act, learn (store, then every `trainFrequency`
/// steps `gradientSteps` updates), update. Discrete observations are one-hot encoded (`Space.flatten`).
public final class DQN: Agent {
    /// Defaults: RL Zoo's tuned DQN for CartPole-v1 (rl-baselines3-zoo, hyperparams/dqn.yml), with
    /// SB3's Huber loss and gradient clipping at norm 10.
    public struct Hyperparameters {
        public var learningRate = 2.3e-3
        public var bufferSize = 100_000
        public var learningStarts = 1000
        public var batchSize = 64
        public var gamma = 0.99
        /// Hard target update every this many environment steps (SB3 target_update_interval).
        public var targetUpdateInterval = 10
        /// Polyak coefficient; 1 means a hard copy.
        public var tau = 1.0
        public var trainFrequency = 256
        public var gradientSteps = 128
        public var explorationFraction = 0.16
        public var explorationInitialEpsilon = 1.0
        public var explorationFinalEpsilon = 0.04
        public var hiddenSizes = [256, 256]
        public var maxGradNorm = 10.0
        public var doubleDQN = false
    }

    public let name = "dqn"
    public private(set) var hyperparameters = Hyperparameters()
    public let online: MLP
    public let target: MLP
    private let optimizer: Adam
    private let buffer: ReplayBuffer
    private let observationSpace: Space
    private let actionCount: Int
    private let epsilon: LinearSchedule
    private var rng: RandomSource
    private var steps = 0
    /// Gradient steps taken so far.
    public private(set) var updateCount = 0
    private var batch = ReplayBuffer.Batch()
    private var targets = Matrix(rows: 0, columns: 0)
    private var gradient = Matrix(rows: 0, columns: 0)

    public init(_ context: inout AgentContext) throws {
        actionCount = try requireDiscrete(context.environment.actionSpace, agent: "dqn", role: "action")
        observationSpace = context.environment.observationSpace
        var h = Hyperparameters()
        h.gamma = context.discount
        var s = context.settings
        try s.read("learning_rate", into: &h.learningRate)
        try s.read("buffer_size", into: &h.bufferSize)
        try s.read("learning_starts", into: &h.learningStarts)
        try s.read("batch_size", into: &h.batchSize)
        try s.read("gamma", into: &h.gamma)
        try s.read("target_update_interval", into: &h.targetUpdateInterval)
        try s.read("tau", into: &h.tau)
        try s.read("train_frequency", into: &h.trainFrequency)
        try s.read("gradient_steps", into: &h.gradientSteps)
        try s.read("exploration_fraction", into: &h.explorationFraction)
        try s.read("exploration_initial_eps", into: &h.explorationInitialEpsilon)
        try s.read("exploration_final_eps", into: &h.explorationFinalEpsilon)
        try s.read("hidden_sizes", into: &h.hiddenSizes)
        try s.read("max_grad_norm", into: &h.maxGradNorm)
        try s.read("double_dqn", into: &h.doubleDQN)
        context.settings = s
        guard h.batchSize > 0, h.bufferSize > 0, h.trainFrequency > 0, h.targetUpdateInterval > 0 else {
            throw AgentError.invalidSetting("dqn: batch_size, buffer_size, train_frequency and target_update_interval must be positive")
        }
        hyperparameters = h
        rng = RandomSource(seed: context.seed)
        let sizes = [observationSpace.flatDimension] + h.hiddenSizes + [actionCount]
        online = MLP(sizes: sizes, rng: &rng)
        target = MLP(sizes: sizes, rng: &rng)
        online.computesInputGradient = false
        target.parameters.copyValues(from: online.parameters)
        optimizer = Adam(online.parameters, learningRate: Float(h.learningRate))
        buffer = ReplayBuffer(capacity: h.bufferSize, observationSize: observationSpace.flatDimension)
        epsilon = LinearSchedule(start: h.explorationInitialEpsilon, end: h.explorationFinalEpsilon,
                                 fraction: h.explorationFraction, totalSteps: context.totalSteps)
    }

    /// The Q-values of one observation.
    public func qValues(_ observation: Observation) -> [Float] { online.predict(observationSpace.flatten(observation)) }

    public func act(_ observation: Observation, mode: ActMode) -> Action {
        if mode == .explore && rng.nextDouble() < epsilon.value(at: steps) { return .discrete(rng.nextInt(below: actionCount)) }
        let q = qValues(observation)
        return .discrete(q.indices.max { q[$0] < q[$1] }!)
    }

    public func learn(_ t: Transition) -> [String: Double] {
        steps += 1
        buffer.add(observation: observationSpace.flatten(t.observation), action: [Float(t.action.index!)], reward: t.reward,
                   nextObservation: observationSpace.flatten(t.nextObservation), terminated: t.terminated)
        var stats: [String: Double] = [:]
        if steps > hyperparameters.learningStarts && steps % hyperparameters.trainFrequency == 0 {
            var loss = 0.0
            for _ in 0..<hyperparameters.gradientSteps { loss += update() }
            stats["loss"] = loss / Double(hyperparameters.gradientSteps)
        }
        if steps % hyperparameters.targetUpdateInterval == 0 {
            if hyperparameters.tau >= 1 { target.parameters.copyValues(from: online.parameters) }
            else { target.parameters.polyakUpdate(from: online.parameters, tau: Float(hyperparameters.tau)) }
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
        // Only the taken action's value has a target: the others get zero gradient.
        gradient.resize(rows: n, columns: actionCount)
        var loss: Float = 0
        let gamma = Float(hyperparameters.gamma)
        for r in 0..<n {
            let a = Int(batch.actions.data[r])
            let y = batch.rewards[r] + gamma * (1 - batch.terminals[r]) * bootstrap[r]
            let d = q[r, a] - y
            for c in 0..<actionCount { gradient[r, c] = 0 }
            if abs(d) <= 1 { loss += 0.5 * d * d; gradient[r, a] = d / Float(n) }
            else { loss += abs(d) - 0.5; gradient[r, a] = (d > 0 ? 1 : -1) / Float(n) }
        }
        online.backward(gradient)
        online.parameters.clipGradientNorm(Float(hyperparameters.maxGradNorm))
        optimizer.step()
        return Double(loss / Float(n))
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

    public var settings: [String: String] {
        let h = hyperparameters
        return ["learning_rate": "\(h.learningRate)", "buffer_size": "\(h.bufferSize)", "learning_starts": "\(h.learningStarts)",
                "batch_size": "\(h.batchSize)", "gamma": "\(h.gamma)", "target_update_interval": "\(h.targetUpdateInterval)",
                "tau": "\(h.tau)", "train_frequency": "\(h.trainFrequency)", "gradient_steps": "\(h.gradientSteps)",
                "exploration_fraction": "\(h.explorationFraction)", "exploration_initial_eps": "\(h.explorationInitialEpsilon)",
                "exploration_final_eps": "\(h.explorationFinalEpsilon)", "hidden_sizes": h.hiddenSizes.map(String.init).joined(separator: ","),
                "max_grad_norm": "\(h.maxGradNorm)", "double_dqn": "\(h.doubleDQN)"]
    }
}
