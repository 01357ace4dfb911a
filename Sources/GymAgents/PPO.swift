#if canImport(Glibc)
import Glibc
#endif
import Gym
import GymNN

/// Proximal policy optimisation (Schulman et al., 2017), clipped surrogate objective, and A2C.
///
/// Collects `nSteps` transitions with the current policy, computes GAE advantages with a learned value
/// function, then runs `nEpochs` passes of minibatch updates on
/// -min(ratio * A, clip(ratio, 1 - eps, 1 + eps) * A) - entropy_coef * H + vf_coef * (V - target)^2.
///
/// A2C (advantage actor-critic, Mnih et al., 2016) is the same update with one epoch over the whole
/// n-step rollout as a single batch, no clipping (the ratio is 1 on the first epoch) and advantages not
/// normalised: `PPO(context, variant: .a2c)`, registered as `a2c`.
public final class PPO: VectorAgent, ResumableAgent {
    public enum Variant { case ppo, a2c }
    /// Defaults: Stable-Baselines3's PPO defaults (n_steps 2048, batch 64, 10 epochs, gamma 0.99,
    /// GAE lambda 0.95, clip 0.2, lr 3e-4, vf_coef 0.5, max_grad_norm 0.5, 64x64 tanh networks,
    /// advantages normalised per minibatch).
    /// Each field is a setting, listed once in `keys` with its `--set` name, what it is and where its
    /// default comes from (`gym agents` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 3e-4
        public var nSteps = 2048
        public var batchSize = 64
        public var nEpochs = 10
        public var gamma = 0.99
        public var gaeLambda = 0.95
        public var clipRange = 0.2
        public var entropyCoefficient = 0.0
        public var valueCoefficient = 0.5
        public var maxGradNorm = 0.5
        public var hiddenSizes = [64, 64]
        public var normalizeAdvantage = true
        public var numEnvs = 1
        public var activation = "tanh"
        public var logStdInit = 0.0
        public var normalizeObservation = false
        public var normalizeReward = false
        public var learningRateDecay = false
        public var useSDE = false
        public var sdeSampleFrequency = -1

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "Adam's step size; SB3's, for PPO and for A2C."),
            .init("n_steps", \.nSteps, "Environment steps per rollout; SB3's, for PPO and for A2C."),
            .init("batch_size", \.batchSize, "Transitions per minibatch; SB3's; a2c uses the whole rollout."),
            .init("n_epochs", \.nEpochs, "Passes over each rollout; SB3's; a2c makes one."),
            .init("clip_range", \.clipRange, "The surrogate's clip epsilon; SB3's; a2c does not clip."),
            .init("normalize_advantage", \.normalizeAdvantage, "Normalise advantages per minibatch; SB3's, for PPO and for A2C."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default (SB3's)."),
            .init("gae_lambda", \.gaeLambda, "GAE's lambda; SB3's, for PPO and for A2C."),
            .init("entropy_coef", \.entropyCoefficient, "Weight of the entropy bonus; SB3's."),
            .init("vf_coef", \.valueCoefficient, "Weight of the value loss; SB3's."),
            .init("max_grad_norm", \.maxGradNorm, "Gradient norm clip; SB3's."),
            .init("hidden_sizes", \.hiddenSizes, "Hidden layer sizes of the policy and the value networks; SB3's."),
            .init("num_envs", \.numEnvs, "Environments stepped together, each for n_steps per rollout; SB3's (RL Zoo steps 8 for CartPole)."),
            .init("activation", \.activation, allowed: ["tanh", "relu"],
                  "The hidden layers' activation in both networks; SB3's (RL Zoo uses relu for Pendulum, and the README for a2c on point-mass-v1)."),
            .init("log_std_init", \.logStdInit, "Starting log standard deviation of the Gaussian policy (Box actions); SB3's (RL Zoo uses -2 for Pendulum)."),
            .init("normalize_observation", \.normalizeObservation,
                  "Normalise observations by running mean and variance, clipped to ±10; SB3's (RL Zoo's normalize turns it on, as VecNormalize)."),
            .init("normalize_reward", \.normalizeReward,
                  "Divide rewards by the running std of the discounted return, clipped to ±10; SB3's (RL Zoo's normalize turns it on)."),
            .init("learning_rate_decay", \.learningRateDecay,
                  "Let the step size fall linearly to nothing over the run, as SB3's linear schedule (RL Zoo's lin_ prefix); SB3's."),
            .init("use_sde", \.useSDE,
                  "Box actions: explore with gSDE's state-dependent noise, a linear function of the policy's last hidden features; SB3's (RL Zoo turns it on for Pendulum)."),
            .init("sde_sample_freq", \.sdeSampleFrequency,
                  "With use_sde, draw new noise every N rollout steps, or only when a rollout starts; SB3's (RL Zoo uses 4 for Pendulum)."),
        ]

        /// The keys of a2c: one epoch over the whole rollout, unclipped, so no batch, epoch, clip or normalisation keys.
        static let a2cKeys = keys.filter { !["batch_size", "n_epochs", "clip_range", "normalize_advantage"].contains($0.key) }

        /// SB3's A2C defaults (n_steps 5, lr 7e-4, GAE lambda 1, no advantage normalisation), with Adam
        /// where SB3 uses RMSprop.
        static let a2c: Hyperparameters = {
            var h = Hyperparameters()
            h.learningRate = 7e-4
            h.nSteps = 5
            h.batchSize = 5
            h.nEpochs = 1
            h.gaeLambda = 1
            h.clipRange = .infinity
            h.normalizeAdvantage = false
            return h
        }()
    }

    public let name: String
    public private(set) var hyperparameters = Hyperparameters()
    /// The settings this variant takes.
    private let keys: [SettingKey<Hyperparameters>]
    let policy: StochasticPolicy
    let value: MLP
    let optimizer: Adam
    var rng: RandomSource
    let observationSize: Int
    let actionSize: Int
    // The rollout being collected.
    var observations: [Float] = [], actions: [Float] = [], rewards: [Double] = [], dones: [Bool] = []
    var values: [Double] = [], logProbabilities: [Float] = []
    var lastRaw: [Float] = []
    /// Rollout steps collected from a vector (each one a step of every copy); the rollout is step-major.
    var vectorSteps = 0
    private let isA2C: Bool
    /// Observation statistics, where normalize_observation is on: updated by every observation acted on
    /// while exploring, and saved with the networks, since acting needs them.
    var observationMoments: RunningMoments?
    /// Where normalize_reward is on, the running scale of each copy's discounted return.
    var returnScaling: ReturnScaling?

    public var environmentCount: Int { hyperparameters.numEnvs }
    /// The run's length in environment steps, for `learning_rate_decay`.
    private let totalSteps: Int

    public init(_ context: inout AgentContext, variant: Variant = .ppo) throws {
        name = variant == .ppo ? "ppo" : "a2c"
        var h = variant == .ppo ? Hyperparameters() : Hyperparameters.a2c
        h.gamma = context.discount
        keys = variant == .ppo ? Hyperparameters.keys : Hyperparameters.a2cKeys
        try h.read(&context.settings, keys: keys)
        if variant == .a2c { h.batchSize = h.nSteps }
        isA2C = variant == .a2c
        guard h.nSteps > 0, h.batchSize > 0, h.nEpochs > 0, h.numEnvs > 0 else {
            throw AgentError.invalidSetting("\(name): n_steps, batch_size, n_epochs and num_envs must be positive")
        }
        hyperparameters = h
        totalSteps = context.totalSteps
        rng = RandomSource(seed: context.seed)
        let activation = Activation(rawValue: h.activation)!
        policy = try StochasticPolicy(observationSpace: context.environment.observationSpace, actionSpace: context.environment.actionSpace,
                                      structure: .actorCritic(hiddenSizes: h.hiddenSizes, activation: activation), agent: name,
                                      logStdInit: Float(h.logStdInit), stateDependentNoise: h.useSDE, rng: &rng)
        observationSize = context.environment.observationSpace.flatDimension
        actionSize = policy.discreteActions == nil ? policy.box!.size : 1
        if h.normalizeObservation { observationMoments = RunningMoments(size: observationSize) }
        if h.normalizeReward { returnScaling = ReturnScaling(gamma: h.gamma, copies: h.numEnvs) }
        value = MLP(sizes: [observationSize] + h.hiddenSizes + [1], activation: activation,
                    initialization: .orthogonal(gain: Float(2).squareRoot()), outputInitialization: .orthogonal(gain: 1), rng: &rng)
        value.computesInputGradient = false
        optimizer = Adam(policy.parameters + value.parameters, learningRate: Float(h.learningRate), epsilon: 1e-5)
    }

    /// With gSDE, new noise for every copy when a rollout starts and every `sde_sample_freq` rollout steps.
    private func resampleNoiseIfDue(rolloutStep: Int) {
        guard let noise = policy.noise else { return }
        let every = hyperparameters.sdeSampleFrequency
        if rolloutStep == 0 || (every > 0 && rolloutStep % every == 0) { noise.resample(copies: hyperparameters.numEnvs, using: &rng) }
    }

    /// Adam's step size now: `learning_rate`, or less with `learning_rate_decay` (set at each update).
    public var currentLearningRate: Double { Double(optimizer.learningRate) }

    public var observationSpace: Space { policy.observationSpace }

    /// Exploring: `act(rows:count:)` on the one observation (a rollout step of one copy).
    public func act(_ observation: Observation, mode: ActMode) -> Action {
        let x = policy.observationSpace.flatten(observation)
        if mode == .explore { return exploringAction(observation, form: policy.discreteActions == nil ? .values(width: actionSize) : .indices) }
        return policy.act(flat: input(rows: x), greedy: true, rng: &rng).action
    }

    public func actionProbabilities(_ observation: Observation) -> [Double]? { policy.probabilities(flat: input(observation)) }

    /// Observations as the networks take them (rows of flattened ones): normalised where normalize_observation is on.
    private func input(rows x: [Float]) -> [Float] { observationMoments?.normalized(x, clip: 10) ?? x }
    private func input(_ observation: Observation) -> [Float] { input(rows: policy.observationSpace.flatten(observation)) }

    public func act(rows observations: [Float], count: Int, into actions: inout ActionRows) {
        observationMoments?.update(rows: observations)
        resampleNoiseIfDue(rolloutStep: vectorSteps)
        lastRaw = policy.sample(rows: Matrix(rows: count, columns: observationSize, data: input(rows: observations)), rng: &rng, into: &actions)
    }

    /// One step of every copy: the rollout holds `n_steps` of them, step-major, and advantages are computed
    /// along each copy's own sequence.
    public func learn(_ step: VectorTransition) -> [String: Double] {
        let h = hyperparameters, n = step.rewards.count
        let x = Matrix(rows: n, columns: observationSize, data: input(rows: step.observations))
        let ended = (0..<n).map { step.terminated[$0] || step.truncated[$0] }
        var reward = returnScaling?.scale(step.rewards, dones: ended) ?? step.rewards
        // Time limits are not the end of the MDP: bootstrap the cut-off future into the reward (as SB3).
        let cut = (0..<n).filter { step.truncated[$0] && !step.terminated[$0] }
        if !cut.isEmpty {
            let finals = Matrix(rows: cut.count, columns: observationSize,
                                data: input(rows: cut.flatMap { step.nextObservations[($0 * observationSize)..<(($0 + 1) * observationSize)] }))
            let v = value.forward(finals)
            for (j, i) in cut.enumerated() { reward[i] += h.gamma * Double(v.data[j]) }
        }
        observations += x.data
        actions += lastRaw
        rewards += reward
        dones += ended
        values += value.forward(x).data.map(Double.init)
        logProbabilities += policy.logProbabilities(x, actions: Matrix(rows: n, columns: actionSize, data: lastRaw))
        vectorSteps += 1
        guard vectorSteps == h.nSteps else { return [:] }
        let last = value.forward(Matrix(rows: n, columns: observationSize, data: input(rows: step.nextObservations))).data
        var advantages = [Double](repeating: 0, count: rewards.count), returns = advantages
        for copy in 0..<n {
            let rows = Array(stride(from: copy, to: rewards.count, by: n))
            let (a, g) = generalizedAdvantages(rewards: rows.map { rewards[$0] }, values: rows.map { values[$0] }, dones: rows.map { dones[$0] },
                                               lastValue: dones[rows.last!] ? 0 : Double(last[copy]), gamma: h.gamma, lambda: h.gaeLambda)
            for (j, r) in rows.enumerated() { (advantages[r], returns[r]) = (a[j], g[j]) }
        }
        vectorSteps = 0
        return finishRollout(advantages: advantages, returns: returns)
    }

    /// Updates on the collected rollout and empties it.
    private func finishRollout(advantages: [Double], returns: [Double]) -> [String: Double] {
        let stats = update(advantages: advantages, returns: returns)
        observations = []; actions = []; rewards = []; dones = []; values = []; logProbabilities = []
        return stats
    }

    /// The update: `n_epochs` passes of minibatches over the rollout (a2c: one pass, the whole rollout as one batch).
    func update(advantages: [Double], returns: [Double]) -> [String: Double] {
        var h = hyperparameters
        let n = advantages.count
        if isA2C { h.batchSize = n }
        if h.learningRateDecay {
            // As SB3: the fraction of the run left once this rollout was collected. The rollouts before it
            // are the optimiser's steps so far over the steps of one rollout's update.
            let perRollout = h.nEpochs * ((n + h.batchSize - 1) / h.batchSize)
            let collected = (optimizer.stepCount / perRollout + 1) * n
            optimizer.learningRate = Float(h.learningRate * max(0, 1 - Double(collected) / Double(max(totalSteps, 1))))
        }
        var indices = Array(0..<n)
        var policyLoss = 0.0, valueLoss = 0.0, clipped = 0.0, updates = 0
        for _ in 0..<h.nEpochs {
            for i in stride(from: n - 1, to: 0, by: -1) { indices.swapAt(i, rng.nextInt(below: i + 1)) }
            for start in stride(from: 0, to: n, by: h.batchSize) {
                let batch = Array(indices[start..<min(start + h.batchSize, n)])
                let m = batch.count
                let obs = Matrix(rows: m, columns: observationSize, data: batch.flatMap { observations[($0 * observationSize)..<(($0 + 1) * observationSize)] })
                let acts = Matrix(rows: m, columns: actionSize, data: batch.flatMap { actions[($0 * actionSize)..<(($0 + 1) * actionSize)] })
                var adv = batch.map { advantages[$0] }
                let mean = adv.reduce(0, +) / Double(m)
                let std = (adv.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(m)).squareRoot()
                if h.normalizeAdvantage && m > 1 { adv = adv.map { ($0 - mean) / (std + 1e-8) } }
                optimizer.parameters.zeroGradients()
                // The new log-probabilities give the ratios, which decide each sample's weight in the gradient pass.
                let newLogp = policy.logProbabilities(obs, actions: acts)
                // d loss / d log pi = -A * ratio where the unclipped term is the minimum, else 0.
                var weights = [Float](repeating: 0, count: m)
                for r in 0..<m {
                    let ratio = Double(expf(newLogp[r] - logProbabilities[batch[r]]))
                    let unclipped = ratio * adv[r], clippedValue = min(max(ratio, 1 - h.clipRange), 1 + h.clipRange) * adv[r]
                    policyLoss -= min(unclipped, clippedValue) / Double(m)
                    if unclipped <= clippedValue { weights[r] = Float(-adv[r] * ratio / Double(m)) } else { clipped += 1 }
                }
                _ = policy.logProbabilities(obs, actions: acts, weights: weights, entropyWeight: Float(-h.entropyCoefficient) / Float(m))
                // Value loss vf_coef * mean (V - G)^2.
                let v = value.forward(obs)
                var gradient = Matrix(rows: 0, columns: 0)
                valueLoss += Double(Loss.meanSquaredError(v, Matrix(rows: m, columns: 1, data: batch.map { Float(returns[$0]) }), gradient: &gradient))
                for i in gradient.data.indices { gradient.data[i] *= Float(h.valueCoefficient) }
                value.backward(gradient)
                optimizer.parameters.clipGradientNorm(Float(h.maxGradNorm))
                optimizer.step()
                updates += 1
            }
        }
        return ["policy_loss": policyLoss / Double(updates), "value_loss": valueLoss / Double(updates), "clip_fraction": clipped / Double(n * h.nEpochs)]
    }

    public var settings: [String: String] { hyperparameters.values(keys: keys) }
}
