import Gym
import GymNN

/// A stochastic policy network shared by the policy-gradient agents: softmax over an MLP's logits for
/// Discrete actions, or a diagonal Gaussian with an MLP mean and a state-independent log-std for Box
/// actions (or gSDE's state-dependent one, `StateDependentNoise`).
///
/// The `linear` structure has no hidden layer and no bias, and for n discrete actions only n - 1 learned
/// logits (the last is the constant 0): for two actions pi(a0 | x) = sigmoid(theta . x), the notes'
/// demand-management model. Its weights start at zero, the uniform policy.
final class StochasticPolicy {
    enum Structure: Equatable {
        /// Hidden layers with the activation, the given initialisation, and the output layer's.
        case mlp(hiddenSizes: [Int], activation: Activation, initialization: Initialization, outputInitialization: Initialization)
        case linear

        /// SB3's initialisation for actor-critic policies: orthogonal, gain sqrt(2), the policy head gain 0.01.
        static func actorCritic(hiddenSizes: [Int], activation: Activation = .tanh) -> Structure {
            .mlp(hiddenSizes: hiddenSizes, activation: activation, initialization: .orthogonal(gain: Float(2).squareRoot()), outputInitialization: .orthogonal(gain: 0.01))
        }
    }

    let network: MLP
    /// The state-independent log-stds of a Gaussian policy; nil for discrete actions and with gSDE.
    let logStd: Parameter?
    /// gSDE's noise, where the policy explores with state-dependent noise (`use_sde`).
    let noise: StateDependentNoise?
    let discreteActions: Int?
    let box: Box?
    let observationSpace: Space
    let isLinear: Bool

    /// A Gaussian policy's log standard deviations all start at `logStdInit` (with `stateDependentNoise`,
    /// gSDE's, one per hidden feature and action).
    init(observationSpace: Space, actionSpace: Space, structure: Structure, agent: String, logStdInit: Float = 0,
         stateDependentNoise: Bool = false, rng: inout RandomSource) throws {
        self.observationSpace = observationSpace
        isLinear = structure == .linear
        let outputs: Int
        switch actionSpace {
        case .discrete(let d) where d.start == 0 && d.n >= 2:
            discreteActions = d.n
            box = nil
            outputs = isLinear ? d.n - 1 : d.n
            logStd = nil
            noise = nil
            if stateDependentNoise { throw AgentError.invalidSetting("\(agent): use_sde is for Box actions, not \(actionSpace)") }
        case .box(let b):
            discreteActions = nil
            box = b
            outputs = b.size
            if stateDependentNoise {
                guard case .mlp(let hiddenSizes, _, _, _) = structure, let features = hiddenSizes.last else {
                    throw AgentError.invalidSetting("\(agent): use_sde needs a hidden layer, whose outputs are the noise's features")
                }
                noise = StateDependentNoise(features: features, actions: b.size, logStdInit: logStdInit)
                logStd = nil
            } else {
                noise = nil
                logStd = Parameter(Array(repeating: logStdInit, count: b.size), shape: [b.size])
            }
        default:
            throw AgentError.unsupported("\(agent) supports Discrete (from 0, at least two actions) or Box action spaces, not \(actionSpace)")
        }
        switch structure {
        case .mlp(let hiddenSizes, let activation, let initialization, let outputInitialization):
            network = MLP(sizes: [observationSpace.flatDimension] + hiddenSizes + [outputs], activation: activation,
                          initialization: initialization, outputInitialization: outputInitialization, rng: &rng)
        case .linear:
            network = MLP(sizes: [observationSpace.flatDimension, outputs], rng: &rng)
            for p in network.parameters { for i in p.value.indices { p.value[i] = 0 } }
        }
        network.computesInputGradient = false
    }

    /// The network's outputs with the linear policy's constant last logit appended.
    private func logits(_ output: Matrix) -> Matrix {
        guard isLinear, discreteActions != nil else { return output }
        return Matrix(rows: output.rows, columns: output.columns + 1, data: (0..<output.rows).flatMap { output.row($0) + [0] })
    }

    var parameters: [Parameter] { network.parameters + (logStd.map { [$0] } ?? []) + (noise.map { [$0.logStd] } ?? []) }

    /// A sampled (or greedy) action as the policy's raw value, and the action to send to the environment (clipped to the box).
    func act(_ observation: Observation, greedy: Bool, rng: inout RandomSource) -> (raw: [Float], action: Action) {
        act(flat: observationSpace.flatten(observation), greedy: greedy, rng: &rng)
    }

    /// `act` on an observation already flattened (and normalised, where the agent does so).
    func act(flat x: [Float], greedy: Bool, rng: inout RandomSource) -> (raw: [Float], action: Action) {
        if let noise, !greedy {
            let mean = network.forward(Matrix(row: x)).data
            let e = noise.noise(network.lastHiddenOutput.data[...], copy: 0, rng: &rng)
            let raw = (0..<mean.count).map { mean[$0] + e[$0] }
            return (raw, .continuous(box!.clip(raw.map(Double.init))))
        }
        var out = network.predict(x)
        if discreteActions != nil {
            if isLinear { out.append(0) }
            let a = greedy ? out.indices.max { out[$0] < out[$1] }! : Categorical.sample(out, using: &rng)
            return ([Float(a)], .discrete(a))
        }
        let raw = greedy ? out : Gaussian.sample(mean: out, logStd: logStd!.value, using: &rng)
        return (raw, .continuous(box!.clip(raw.map(Double.init))))
    }

    /// `act` for a batch, exploring: one forward pass over `observations` (rows of flattened observations),
    /// row `i`'s action sampled as `act` does, in row order, and written into `actions` (an index, or a row
    /// of the box's values, clipped). Returns the raw actions, row-major.
    func sample(rows observations: Matrix, rng: inout RandomSource, into actions: inout ActionRows) -> [Float] {
        let output = network.forward(observations), d = output.columns
        var raw: [Float] = []
        raw.reserveCapacity(output.rows * (discreteActions == nil ? d : 1))
        for r in 0..<output.rows {
            let row = output.data[(r * d)..<((r + 1) * d)]
            let sample: [Float]
            if let noise {
                let f = network.lastHiddenOutput
                let e = noise.noise(f.data[(r * f.columns)..<((r + 1) * f.columns)], copy: r, rng: &rng)
                sample = (0..<d).map { output.data[r * d + $0] + e[$0] }
            } else if discreteActions != nil {
                let a = Categorical.sample(isLinear ? Array(row) + [0] : Array(row), using: &rng)
                raw.append(Float(a))
                actions.indices[r] = a
                continue
            } else {
                sample = Gaussian.sample(mean: Array(row), logStd: logStd!.value, using: &rng)
            }
            raw += sample
            actions.set(r, values: box!.clip(sample.map(Double.init)))
        }
        return raw
    }

    /// Log-probabilities of `actions` (rows of raw actions) for a batch of observations, without gradients.
    func logProbabilities(_ observations: Matrix, actions: Matrix) -> [Float] {
        let output = network.forward(observations)
        if discreteActions != nil {
            let logp = Categorical.logSoftmax(logits(output))
            return (0..<observations.rows).map { logp[$0, Int(actions.data[$0])] }
        }
        var unusedMean = Matrix(rows: 0, columns: 0), unusedLogStd = Matrix(rows: 0, columns: 0)
        let stds = noise?.rowLogStd(network.lastHiddenOutput) ?? Matrix(row: logStd!.value)
        return Gaussian.logProbabilities(mean: output, logStd: stds, actions: actions,
                                         weights: Array(repeating: 0, count: observations.rows),
                                         gradMean: &unusedMean, gradLogStd: &unusedLogStd)
    }

    /// Log-probabilities of `actions` (rows of raw actions) for a batch of observations, accumulating into
    /// the parameters' gradients the gradient of `sum_r weights[r] * log pi(a_r)` plus `entropyWeight` times
    /// the summed entropies. Returns the log-probabilities and the mean entropy.
    func logProbabilities(_ observations: Matrix, actions: Matrix, weights: [Float], entropyWeight: Float) -> ([Float], Float) {
        let rows = observations.rows
        let output = network.forward(observations)
        var gradient = Matrix(rows: 0, columns: 0)
        var logp: [Float], entropy: Float
        if let n = discreteActions {
            let z = logits(output)
            logp = Categorical.logProbabilities(z, actions: (0..<rows).map { Int(actions.data[$0]) }, weights: weights, gradient: &gradient)
            let entropies = Categorical.entropy(z, weight: entropyWeight, addingTo: &gradient)
            entropy = entropies.reduce(0, +) / Float(rows)
            if isLinear {  // the constant logit has no parameter
                gradient = Matrix(rows: rows, columns: n - 1, data: (0..<rows).flatMap { Array(gradient.row($0).prefix(n - 1)) })
            }
        } else if let noise {
            let f = network.lastHiddenOutput, stds = noise.rowLogStd(f)
            var gradLogStd = Matrix(rows: 0, columns: 0)
            logp = Gaussian.logProbabilities(mean: output, logStd: stds, actions: actions, weights: weights,
                                             gradMean: &gradient, gradLogStd: &gradLogStd)
            // Each row's entropy is sum_k log sigma_k(s) + constants: d / d log sigma_k = 1 per row.
            for i in gradLogStd.data.indices { gradLogStd.data[i] += entropyWeight }
            noise.accumulate(gradLogStd, features: f, rowLogStd: stds)
            entropy = (0..<rows).reduce(Float(0)) { $0 + Gaussian.entropy(logStd: stds.row($1)) } / Float(rows)
        } else {
            var gradLogStd = Matrix(rows: 0, columns: 0)
            logp = Gaussian.logProbabilities(mean: output, logStd: Matrix(row: logStd!.value), actions: actions, weights: weights,
                                             gradMean: &gradient, gradLogStd: &gradLogStd)
            for r in 0..<rows { for c in 0..<output.columns { logStd!.gradient[c] += gradLogStd[r, c] } }
            entropy = Gaussian.entropy(logStd: logStd!.value)
            for c in 0..<output.columns { logStd!.gradient[c] += entropyWeight * Float(rows) }
        }
        network.backward(gradient)
        if isLinear {  // no bias
            for i in network.layers[0].bias.gradient.indices { network.layers[0].bias.gradient[i] = 0 }
        }
        return (logp, entropy)
    }

    /// Action probabilities, for discrete policies.
    func probabilities(_ observation: Observation) -> [Double]? { probabilities(flat: observationSpace.flatten(observation)) }

    /// `probabilities` of an observation already flattened (and normalised, where the agent does so).
    func probabilities(flat x: [Float]) -> [Double]? {
        guard discreteActions != nil else { return nil }
        return Categorical.probabilities(logits(Matrix(row: network.predict(x)))).data.map(Double.init)
    }
}

/// Generalised advantage estimation (Schulman et al., 2016) over a rollout.
///
/// `dones[t]` marks that the episode ended at step t (the value after it is not used); time-limit
/// truncations are handled by the caller adding gamma * V(final observation) to that step's reward, as
/// SB3 does. Returns the advantages and the value targets (advantages + values).
public func generalizedAdvantages(rewards: [Double], values: [Double], dones: [Bool], lastValue: Double, gamma: Double, lambda: Double) -> (advantages: [Double], returns: [Double]) {
    var advantages = [Double](repeating: 0, count: rewards.count)
    var running = 0.0
    for t in stride(from: rewards.count - 1, through: 0, by: -1) {
        let nextValue = t == rewards.count - 1 ? lastValue : values[t + 1]
        let live = dones[t] ? 0.0 : 1.0
        let delta = rewards[t] + gamma * nextValue * live - values[t]
        running = delta + gamma * lambda * live * running
        advantages[t] = running
    }
    return (advantages, zip(advantages, values).map { $0 + $1 })
}
