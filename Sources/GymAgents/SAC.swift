import Foundation
import Gym
import GymNN

/// Soft actor-critic (Haarnoja et al., 2018; the second paper's learned temperature), as
/// Stable-Baselines3's `SAC`: a tanh-squashed Gaussian actor, twin critics with Polyak-averaged
/// targets, and an entropy temperature alpha tuned towards a target entropy of -dim(A).
///
/// Each update, from a batch of the replay buffer:
/// 1. critics: towards r + gamma * (1 - terminated) * (min_i Q_i'(s', a') - alpha * log pi(a' | s')),
///    with a' drawn from the current actor at s';
/// 2. actor: descend alpha * log pi(a | s) - min_i Q_i(s, a) with a = tanh(mu + sigma * eps) drawn by
///    reparameterisation, its gradient taken through the critics' input gradient and the squashing;
/// 3. temperature: descend -log(alpha) * (log pi(a | s) + target entropy);
/// 4. targets: Polyak averaging with tau.
public final class SAC: VectorAgent, ResumableAgent {
    /// Defaults: Stable-Baselines3's `SAC` (sb3/sac/sac.py), whose RL Zoo setting for Pendulum changes
    /// only the learning rate (1e-3). Each field is a setting, listed once in `keys` with its `--set`
    /// name, what it is and where its default comes from (`gym agents sac` prints them).
    public struct Hyperparameters: Configurable {
        public init() {}

        public var learningRate = 3e-4
        public var bufferSize = 1_000_000
        public var learningStarts = 100
        public var batchSize = 256
        public var gamma = 0.99
        public var tau = 0.005
        public var entCoef = 1.0
        public var autotune = true
        public var hiddenSizes = [256, 256]
        public var numEnvs = 1

        public static let keys: [SettingKey<Self>] = [
            .init("learning_rate", \.learningRate, "Adam's step size, actor, critics and temperature; SB3's (RL Zoo's Pendulum uses 1e-3)."),
            .init("buffer_size", \.bufferSize, "Transitions the replay buffer holds; SB3's."),
            .init("learning_starts", \.learningStarts, "Environment steps of random actions before the first update; SB3's."),
            .init("batch_size", \.batchSize, "Transitions per update; SB3's."),
            .init("gamma", \.gamma, "The discount: the environment's where it has one, else this default (SB3's)."),
            .init("tau", \.tau, "Polyak coefficient of the target critics; SB3's."),
            .init("ent_coef", \.entCoef, "The entropy temperature alpha: its first value when autotuned, else fixed; where SB3's \"auto\" starts."),
            .init("autotune", \.autotune, "Learn alpha towards the target entropy -dim(A); SB3's ent_coef=\"auto\", target_entropy=\"auto\"."),
            .init("hidden_sizes", \.hiddenSizes, "Hidden layer sizes of the actor and the critics; SB3's net_arch for SAC."),
            .init("num_envs", \.numEnvs, "Environments stepped together; one update per transition, as with one environment."),
        ]
    }

    /// The actor's log standard deviation is clamped to this range (SB3's LOG_STD_MIN and LOG_STD_MAX).
    static let logStdRange: ClosedRange<Float> = -20...2
    /// Added inside the log of the squashing's Jacobian, 1 - tanh(u)^2 (SB3's epsilon).
    static let squashEpsilon: Float = 1e-6

    public let name = "sac"
    public private(set) var hyperparameters = Hyperparameters()
    /// Observation to (mean, log standard deviation) of the action before squashing, one of each per component.
    public let actor: MLP
    private let critics: [MLP]
    private let criticTargets: [MLP]
    private let actorOptimizer: Adam
    private let criticOptimizers: [Adam]
    /// log(alpha), learned when `autotune` is on.
    private let logAlpha: Parameter
    private let alphaOptimizer: Adam
    private let targetEntropy: Float
    private let replay: ContinuousReplay
    public let observationSpace: Space
    private let box: Box
    private var rng: RandomSource
    private var updateCount = 0
    private var batch = ReplayBuffer.Batch()

    public init(_ context: inout AgentContext) throws {
        guard case .box(let box) = context.environment.actionSpace, box.isBounded else {
            throw AgentError.unsupported("sac needs a bounded Box action space, but the environment's is \(context.environment.actionSpace)")
        }
        self.box = box
        observationSpace = context.environment.observationSpace
        var h = Hyperparameters()
        h.gamma = context.discount
        try h.read(&context.settings)
        guard h.batchSize > 0, h.bufferSize > 0, h.numEnvs > 0, h.entCoef > 0 else {
            throw AgentError.invalidSetting("sac: batch_size, buffer_size, num_envs and ent_coef must be positive")
        }
        hyperparameters = h
        rng = RandomSource(seed: context.seed)
        let obs = observationSpace.flatDimension, act = box.size
        actor = MLP(sizes: [obs] + h.hiddenSizes + [2 * act], rng: &rng)
        actor.computesInputGradient = false
        var critics: [MLP] = [], targets: [MLP] = []
        for _ in 0..<2 {
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
        logAlpha = Parameter([Float(log(h.entCoef))], shape: [1])
        alphaOptimizer = Adam([logAlpha], learningRate: Float(h.learningRate))
        targetEntropy = -Float(act)
        replay = ContinuousReplay(box: box, observationSpace: observationSpace, capacity: h.bufferSize, learningStarts: h.learningStarts)
    }

    private var alpha: Float { exp(logAlpha.value[0]) }

    /// A squashed draw for every row of `observations`: the actions in [-1, 1], their log-probabilities,
    /// and what the actor's gradient needs (the noise, the standard deviations, whether log sigma was clamped).
    private struct Draw {
        var actions: Matrix
        var logProbabilities: [Float]
        var noise: [Float]
        var std: [Float]
        var clamped: [Bool]
    }

    private func draw(_ observations: Matrix, greedy: Bool = false) -> Draw {
        let out = actor.forward(observations)
        let n = out.rows, a = out.columns / 2
        var draw = Draw(actions: Matrix(rows: n, columns: a, repeating: 0), logProbabilities: [Float](repeating: 0, count: n),
                        noise: [Float](repeating: 0, count: n * a), std: [Float](repeating: 0, count: n * a),
                        clamped: [Bool](repeating: false, count: n * a))
        let halfLog2Pi = Float(0.5 * log(2 * Double.pi))
        for r in 0..<n {
            var logp: Float = 0
            for c in 0..<a {
                let k = r * a + c
                let rawLogStd = out.data[r * out.columns + a + c]
                let logStd = min(max(rawLogStd, Self.logStdRange.lowerBound), Self.logStdRange.upperBound)
                let eps = greedy ? 0 : Float(rng.nextNormal())
                let std = exp(logStd)
                let squashed = tanh(out.data[r * out.columns + c] + std * eps)
                draw.actions.data[k] = squashed
                draw.noise[k] = eps
                draw.std[k] = std
                draw.clamped[k] = logStd != rawLogStd
                logp += -0.5 * eps * eps - logStd - halfLog2Pi - log(1 - squashed * squashed + Self.squashEpsilon)
            }
            draw.logProbabilities[r] = logp
        }
        return draw
    }

    /// Exploring: `act(rows:count:)` on the one observation.
    public func act(_ observation: Observation, mode: ActMode) -> Action {
        let x = observationSpace.flatten(observation)
        if mode == .explore { return exploringAction(observation, form: .values(width: box.size)) }
        return replay.scale.action(draw(Matrix(rows: 1, columns: observationSpace.flatDimension, data: x), greedy: true).actions.data)
    }

    public var environmentCount: Int { hyperparameters.numEnvs }

    /// Exploring actions for every row: random before `learning_starts`, then drawn from the actor.
    public func act(rows observations: [Float], count: Int, into actions: inout ActionRows) {
        if replay.isWarmingUp {
            for r in 0..<count { actions.set(r, box.sampleAction(using: &rng)) }
            return
        }
        let drawn = draw(Matrix(rows: count, columns: observationSpace.flatDimension, data: observations)).actions
        for r in 0..<count { actions.set(r, values: replay.scale.values(Array(drawn.data[(r * drawn.columns)..<((r + 1) * drawn.columns)]))) }
    }

    public func learn(_ step: VectorTransition) -> [String: Double] { updates(replay.add(step)) }

    /// `count` updates; the statistics of the last.
    private func updates(_ count: Int) -> [String: Double] {
        var stats: [String: Double] = [:]
        for _ in 0..<count { stats = update() }
        return stats
    }

    /// The gradient of mean(alpha * log pi - Q) at the actor's outputs (the means, then the log standard
    /// deviations), through the squashing a = tanh(u), given dQ/da of the smaller critic.
    private static func actorOutputGradient(_ now: Draw, dQ: Matrix, alpha: Float) -> Matrix {
        let n = now.actions.rows, a = now.actions.columns, scale = 1 / Float(n)
        var dOut = Matrix(rows: n, columns: 2 * a, repeating: 0)
        for r in 0..<n {
            for c in 0..<a {
                let k = r * a + c, squashed = now.actions.data[k]
                let jacobian = 1 - squashed * squashed
                // d/du of (alpha * log pi - Q) through a = tanh(u); the Gaussian part's dependence on u cancels.
                let du = (alpha * 2 * squashed / (jacobian + squashEpsilon) - dQ.data[k]) * jacobian
                dOut.data[r * 2 * a + c] = du * scale
                dOut.data[r * 2 * a + a + c] = now.clamped[k] ? 0 : (du * now.std[k] * now.noise[k] - alpha) * scale
            }
        }
        return dOut
    }

    /// One step of the critics, the actor and the temperature, then the Polyak target updates.
    func update() -> [String: Double] {
        let h = hyperparameters
        let n = h.batchSize
        replay.buffer.sample(n, into: &batch, using: &rng)
        let alpha = self.alpha

        // 1. Critics, towards the soft target of a fresh draw at s'.
        let next = draw(batch.nextObservations)
        let nextInput = Matrix.criticInput(batch.nextObservations, next.actions)
        var soft = [Float](repeating: .infinity, count: n)
        for target in criticTargets {
            let q = target.forward(nextInput)
            for r in 0..<n { soft[r] = min(soft[r], q.data[r]) }
        }
        let gamma = Float(h.gamma)
        let targets = Matrix(rows: n, columns: 1, data: (0..<n).map { r in
            batch.rewards[r] + gamma * (1 - batch.terminals[r]) * (soft[r] - alpha * next.logProbabilities[r])
        })
        let input = Matrix.criticInput(batch.observations, batch.actions)
        var criticLoss = 0.0
        var gradient = Matrix(rows: 0, columns: 0)
        for (critic, optimizer) in zip(critics, criticOptimizers) {
            critic.parameters.zeroGradients()
            criticLoss += Double(Loss.meanSquaredError(critic.forward(input), targets, gradient: &gradient))
            critic.backward(gradient)
            optimizer.step()
        }

        // 2. Actor: the gradient of mean(alpha * log pi - min_i Q_i) through the action of a fresh draw.
        let now = draw(batch.observations)
        let a = now.actions.columns
        let policyInput = Matrix.criticInput(batch.observations, now.actions)
        let q = critics.map { $0.forward(policyInput) }
        // dQ/da of the smaller critic, row by row (each critic's input gradient, taken where it is the minimum).
        var dQ = Matrix(rows: n, columns: a, repeating: 0)
        var meanQ = 0.0
        for (i, critic) in critics.enumerated() {
            let chosen = (0..<n).map { r in Float(q[i].data[r] <= q[1 - i].data[r] && (i == 0 || q[1].data[r] < q[0].data[r]) ? 1 : 0) }
            let dInput = critic.inputGradient(Matrix(rows: n, columns: 1, data: chosen)).actionColumns(after: batch.observations.columns)
            for k in dQ.data.indices { dQ.data[k] += dInput.data[k] }
            for r in 0..<n where chosen[r] == 1 { meanQ += Double(q[i].data[r]) / Double(n) }
        }
        actor.parameters.zeroGradients()
        actor.backward(Self.actorOutputGradient(now, dQ: dQ, alpha: alpha))
        actorOptimizer.step()
        let meanLogp = Double(now.logProbabilities.reduce(0, +)) / Double(n)

        // 3. Temperature.
        if h.autotune {
            logAlpha.gradient[0] = -(Float(meanLogp) + targetEntropy)
            alphaOptimizer.step()
        }

        // 4. Targets.
        for (target, critic) in zip(criticTargets, critics) { target.parameters.polyakUpdate(from: critic.parameters, tau: Float(h.tau)) }
        updateCount += 1
        return ["critic_loss": criticLoss / 2, "actor_q": meanQ, "entropy": -meanLogp, "alpha": Double(alpha)]
    }

    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("actor", network: actor)
        for (i, critic) in critics.enumerated() {
            checkpoint.set("critic\(i)", network: critic)
            checkpoint.set("critic\(i)_target", network: criticTargets[i])
        }
        checkpoint.set("log_alpha", shape: [1], values: logAlpha.value)
    }

    public func restore(from checkpoint: Checkpoint) throws {
        try checkpoint.load("actor", into: actor)
        for (i, critic) in critics.enumerated() {
            try checkpoint.load("critic\(i)", into: critic)
            try checkpoint.load("critic\(i)_target", into: criticTargets[i])
        }
        logAlpha.value = try checkpoint.values("log_alpha", count: 1)
    }

    /// The networks, the three optimisers' moments, the generator, the update count and the replay.
    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        checkpoint.set("actor.adam", adam: actorOptimizer)
        for (i, optimizer) in criticOptimizers.enumerated() { checkpoint.set("critic\(i).adam", adam: optimizer) }
        checkpoint.set("log_alpha.adam", adam: alphaOptimizer)
        checkpoint.set("generator", generator: rng)
        checkpoint.set("updates", ints: [updateCount])
        replay.save(into: &checkpoint)
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        try checkpoint.load("actor.adam", into: actorOptimizer)
        for (i, optimizer) in criticOptimizers.enumerated() { try checkpoint.load("critic\(i).adam", into: optimizer) }
        try checkpoint.load("log_alpha.adam", into: alphaOptimizer)
        rng = try checkpoint.generator("generator")
        updateCount = try checkpoint.ints("updates", count: 1)[0]
        try replay.restore(from: checkpoint)
    }

    public var settings: [String: String] { hyperparameters.values() }
}
