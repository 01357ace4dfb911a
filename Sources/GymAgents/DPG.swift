import Gym
import GymNN

/// Deterministic policy gradient actor-critic (DDPG: Lillicrap et al., 2016), with TD3's options
/// (Fujimoto et al., 2018): clipped double-Q, delayed actor updates and target policy smoothing.
///
/// The actor maps an observation to an action in the Box through a tanh output rescaled to the
/// bounds; the critic Q(s, a) is trained towards r + gamma * (1 - terminated) * Q'(s', actor'(s'))
/// from a replay buffer; the actor ascends Q(s, actor(s)) through the critic's input gradient; target
/// networks follow by Polyak averaging. Exploration adds Gaussian noise to the actor's action.
public final class DPG: VectorAgent, ResumableAgent {
    /// Defaults: CleanRL's ddpg_continuous_action.py (lr 3e-4, batch 256, tau 0.005, exploration noise
    /// 0.1 of the half-range, 256x256 ReLU networks), except learning starts after 1,000 steps instead of
    /// 25,000 so that short runs learn. `td3=true` turns on twin critics, policy delay 2 and target
    /// smoothing (noise 0.2, clipped at 0.5), as cleanrl/td3_continuous_action.py.
    /// Each field is a setting, listed once in `keys` with its `--set` name, what it is and where its
    /// default comes from (`gym agents` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 3e-4
        public var bufferSize = 1_000_000
        public var learningStarts = 1000
        public var batchSize = 256
        public var gamma = 0.99
        public var tau = 0.005
        public var explorationNoise = 0.1
        public var hiddenSizes = [256, 256]
        public var td3 = false
        public var policyDelay = 1
        public var targetNoise = 0.2
        public var targetNoiseClip = 0.5
        public var numEnvs = 1

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "Adam's step size, actor and critics; CleanRL's."),
            .init("buffer_size", \.bufferSize, "Transitions the replay buffer holds; CleanRL's."),
            .init("learning_starts", \.learningStarts, "Environment steps of random actions before the first update; CleanRL's is 25 times more, too many for short runs."),
            .init("batch_size", \.batchSize, "Transitions per update; CleanRL's."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default (CleanRL's)."),
            .init("tau", \.tau, "Polyak coefficient of the target networks; CleanRL's."),
            .init("exploration_noise", \.explorationNoise, "Standard deviation of the Gaussian exploration noise, in units of the action's half-range; CleanRL's."),
            .init("hidden_sizes", \.hiddenSizes, "Hidden layer sizes of the actor and the critics; CleanRL's."),
            .init("td3", \.td3, "Twin critics, delayed actor updates and target smoothing (Fujimoto et al., 2018); DDPG without them by default."),
            .init("policy_delay", \.policyDelay, "Critic updates per actor update; with td3, twice this default (CleanRL's td3_continuous_action.py)."),
            .init("target_noise", \.targetNoise, "Standard deviation of the target-smoothing noise (td3); CleanRL's."),
            .init("target_noise_clip", \.targetNoiseClip, "Clip of the target-smoothing noise (td3); CleanRL's."),
            .init("num_envs", \.numEnvs, "Environments stepped together; each step of the copies is as many updates as copies, one per transition as with one environment."),
        ]
    }

    public let name = "dpg"
    public private(set) var hyperparameters = Hyperparameters()
    public let actor: MLP
    private let actorTarget: MLP
    private let critics: [MLP]
    private let criticTargets: [MLP]
    private let actorOptimizer: Adam
    private let criticOptimizers: [Adam]
    private let replay: ContinuousReplay
    public let observationSpace: Space
    private let box: Box
    private var rng: RandomSource
    private var updateCount = 0
    private var batch = ReplayBuffer.Batch()

    public init(_ context: inout AgentContext) throws {
        guard case .box(let box) = context.environment.actionSpace, box.isBounded else {
            throw AgentError.unsupported("dpg needs a bounded Box action space, but the environment's is \(context.environment.actionSpace)")
        }
        self.box = box
        observationSpace = context.environment.observationSpace
        var h = Hyperparameters()
        h.gamma = context.discount
        try h.read(&context.settings)
        if h.td3 && context.settings.values["policy_delay"] == nil { h.policyDelay = 2 }
        guard h.batchSize > 0, h.bufferSize > 0, h.policyDelay > 0, h.numEnvs > 0 else {
            throw AgentError.invalidSetting("dpg: batch_size, buffer_size, policy_delay and num_envs must be positive")
        }
        hyperparameters = h
        rng = RandomSource(seed: context.seed)
        let obs = observationSpace.flatDimension, act = box.size
        actor = MLP(sizes: [obs] + h.hiddenSizes + [act], outputActivation: .tanh, rng: &rng)
        actor.computesInputGradient = false
        actorTarget = MLP(sizes: [obs] + h.hiddenSizes + [act], outputActivation: .tanh, rng: &rng)
        actorTarget.parameters.copyValues(from: actor.parameters)
        var critics: [MLP] = [], targets: [MLP] = []
        for _ in 0..<(h.td3 ? 2 : 1) {
            let critic = MLP(sizes: [obs + act] + h.hiddenSizes + [1], rng: &rng)
            let target = MLP(sizes: [obs + act] + h.hiddenSizes + [1], rng: &rng)
            target.parameters.copyValues(from: critic.parameters)
            critics.append(critic)
            targets.append(target)
        }
        self.critics = critics
        criticTargets = targets
        actorOptimizer = Adam(actor.parameters, learningRate: Float(h.learningRate))
        criticOptimizers = critics.map { Adam($0.parameters, learningRate: Float(h.learningRate)) }
        replay = ContinuousReplay(box: box, observationSpace: observationSpace, capacity: h.bufferSize, learningStarts: h.learningStarts)
    }

    /// Exploring: `act(rows:count:)` on the one observation.
    public func act(_ observation: Observation, mode: ActMode) -> Action {
        if mode == .explore { return exploringAction(observation, form: .values(width: box.size)) }
        return action(actor.predict(observationSpace.flatten(observation)))
    }

    /// The actor's output `u` with exploration noise, kept in [-1, 1].
    private func explored(_ u: [Float]) -> [Float] {
        u.map { min(max($0 + Float(hyperparameters.explorationNoise * rng.nextNormal()), -1), 1) }
    }

    /// The box action of actor output `u`.
    private func action(_ u: [Float]) -> Action { replay.scale.action(u) }

    public var environmentCount: Int { hyperparameters.numEnvs }

    /// Exploring actions for every row: random before `learning_starts`, then the actor's (one forward
    /// pass) with noise.
    public func act(rows observations: [Float], count: Int, into actions: inout ActionRows) {
        if replay.isWarmingUp {
            for r in 0..<count { actions.set(r, box.sampleAction(using: &rng)) }
            return
        }
        let u = actor.forward(Matrix(rows: count, columns: observationSpace.flatDimension, data: observations))
        for r in 0..<count { actions.set(r, values: replay.scale.values(explored(Array(u.data[(r * u.columns)..<((r + 1) * u.columns)])))) }
    }

    public func learn(_ step: VectorTransition) -> [String: Double] { updates(replay.add(step)) }

    /// `count` updates; the statistics of the last.
    private func updates(_ count: Int) -> [String: Double] {
        var stats: [String: Double] = [:]
        for _ in 0..<count { stats = update() }
        return stats
    }

    /// One critic step, and (every `policyDelay` updates) one actor step and the Polyak target updates.
    func update() -> [String: Double] {
        let h = hyperparameters
        let n = h.batchSize
        replay.buffer.sample(n, into: &batch, using: &rng)
        // TD targets: r + gamma * (1 - terminated) * min over target critics of Q'(s', actor'(s') [+ clipped noise]).
        var nextActions = actorTarget.forward(batch.nextObservations)
        if h.td3 {
            for i in nextActions.data.indices {
                let noise = min(max(h.targetNoise * rng.nextNormal(), -h.targetNoiseClip), h.targetNoiseClip)
                nextActions.data[i] = min(max(nextActions.data[i] + Float(noise), -1), 1)
            }
        }
        let nextInput = Matrix.criticInput(batch.nextObservations, nextActions)
        var bootstrap = [Float](repeating: .infinity, count: n)
        for target in criticTargets {
            let q = target.forward(nextInput)
            for r in 0..<n { bootstrap[r] = min(bootstrap[r], q.data[r]) }
        }
        let gamma = Float(h.gamma)
        let tdTargets = Matrix(rows: n, columns: 1, data: (0..<n).map { r in
            batch.rewards[r] + gamma * (1 - batch.terminals[r]) * bootstrap[r]
        })
        let input = Matrix.criticInput(batch.observations, batch.actions)
        var criticLoss = 0.0
        var gradient = Matrix(rows: 0, columns: 0)
        for (critic, optimizer) in zip(critics, criticOptimizers) {
            critic.parameters.zeroGradients()
            criticLoss += Double(Loss.meanSquaredError(critic.forward(input), tdTargets, gradient: &gradient))
            critic.backward(gradient)
            optimizer.step()
        }
        updateCount += 1
        var stats: [String: Double] = ["critic_loss": criticLoss / Double(critics.count)]
        guard updateCount % h.policyDelay == 0 else { return stats }
        // Actor: ascend Q1(s, actor(s)), i.e. descend -mean Q1, through the critic's input gradient.
        let u = actor.forward(batch.observations)
        let critic = critics[0]
        let q = critic.forward(Matrix.criticInput(batch.observations, u))
        stats["actor_q"] = Double(q.data.reduce(0, +)) / Double(n)
        let dInput = critic.inputGradient(Matrix(rows: n, columns: 1, repeating: -1 / Float(n)))
        let dU = dInput.actionColumns(after: batch.observations.columns)
        actor.parameters.zeroGradients()
        actor.backward(dU)
        actorOptimizer.step()
        actorTarget.parameters.polyakUpdate(from: actor.parameters, tau: Float(h.tau))
        for (target, critic) in zip(criticTargets, critics) { target.parameters.polyakUpdate(from: critic.parameters, tau: Float(h.tau)) }
        return stats
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("actor", network: actor)
        checkpoint.set("actor_target", network: actorTarget)
        for (i, critic) in critics.enumerated() {
            checkpoint.set("critic\(i)", network: critic)
            checkpoint.set("critic\(i)_target", network: criticTargets[i])
        }
    }

    public func restore(from checkpoint: Checkpoint) throws {
        try checkpoint.load("actor", into: actor)
        try checkpoint.load("actor_target", into: actorTarget)
        for (i, critic) in critics.enumerated() {
            try checkpoint.load("critic\(i)", into: critic)
            try checkpoint.load("critic\(i)_target", into: criticTargets[i])
        }
    }

    /// The networks, both optimisers' moments, the generator, the update count and the replay.
    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        checkpoint.set("actor.adam", adam: actorOptimizer)
        for (i, optimizer) in criticOptimizers.enumerated() { checkpoint.set("critic\(i).adam", adam: optimizer) }
        checkpoint.set("generator", generator: rng)
        checkpoint.set("updates", ints: [updateCount])
        replay.save(into: &checkpoint)
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        try checkpoint.load("actor.adam", into: actorOptimizer)
        for (i, optimizer) in criticOptimizers.enumerated() { try checkpoint.load("critic\(i).adam", into: optimizer) }
        rng = try checkpoint.generator("generator")
        updateCount = try checkpoint.ints("updates", count: 1)[0]
        try replay.restore(from: checkpoint)
    }

    public var settings: [String: String] { hyperparameters.values() }
}
