import Gym
import GymNN

/// What PPO saves: its networks, optimiser and observation statistics (`Agent`), and for resuming also its
/// generator, its unfinished rollout, its return scaling and its gSDE noise (`ResumableAgent`).
extension PPO {
    public func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("policy", network: policy.network)
        checkpoint.set("value", network: value)
        checkpoint.set("adam", adam: optimizer)
        if let logStd = policy.logStd { checkpoint.set("log_std", shape: logStd.shape, values: logStd.value) }
        if let noise = policy.noise { checkpoint.set("sde_log_std", shape: noise.logStd.shape, values: noise.logStd.value) }
        if let observationMoments { checkpoint.set("observation_moments", moments: observationMoments) }
    }

    public func restore(from checkpoint: Checkpoint) throws {
        try checkpoint.load("policy", into: policy.network)
        try checkpoint.load("value", into: value)
        try checkpoint.load("adam", into: optimizer)
        if let logStd = policy.logStd { logStd.value = try checkpoint.values("log_std", count: logStd.count) }
        if let noise = policy.noise { noise.logStd.value = try checkpoint.values("sde_log_std", count: noise.logStd.count) }
        if observationMoments != nil { observationMoments = try checkpoint.moments("observation_moments", size: observationSize) }
    }

    public func saveTrainingState(into checkpoint: inout Checkpoint) {
        save(into: &checkpoint)
        checkpoint.set("generator", generator: rng)
        checkpoint.set("rollout.vector_steps", ints: [vectorSteps])
        checkpoint.set("rollout.observations", shape: [observations.count], values: observations)
        checkpoint.set("rollout.actions", shape: [actions.count], values: actions)
        checkpoint.set("rollout.rewards", doubles: rewards)
        checkpoint.set("rollout.dones", ints: dones.map { $0 ? 1 : 0 })
        checkpoint.set("rollout.values", doubles: values)
        checkpoint.set("rollout.log_probabilities", shape: [logProbabilities.count], values: logProbabilities)
        checkpoint.set("rollout.last_raw", shape: [lastRaw.count], values: lastRaw)
        returnScaling?.save(into: &checkpoint, as: "return_scaling")
        if let noise = policy.noise { checkpoint.set("rollout.sde_noise", shape: [noise.matrices.flatMap { $0 }.count], values: noise.matrices.flatMap { $0 }) }
    }

    public func restoreTrainingState(from checkpoint: Checkpoint) throws {
        try restore(from: checkpoint)
        rng = try checkpoint.generator("generator")
        let rewards = try checkpoint.doubles("rollout.rewards")
        let n = rewards.count
        vectorSteps = try checkpoint.ints("rollout.vector_steps", count: 1)[0]
        observations = try checkpoint.values("rollout.observations", count: n * observationSize)
        actions = try checkpoint.values("rollout.actions", count: n * actionSize)
        self.rewards = rewards
        dones = try checkpoint.ints("rollout.dones", count: n).map { $0 != 0 }
        values = try checkpoint.doubles("rollout.values", count: n)
        logProbabilities = try checkpoint.values("rollout.log_probabilities", count: n)
        lastRaw = try checkpoint.values("rollout.last_raw")
        try returnScaling?.restore(from: checkpoint, as: "return_scaling")
        if let noise = policy.noise {
            let saved = try checkpoint.values("rollout.sde_noise")
            guard saved.isEmpty || saved.count == hyperparameters.numEnvs * noise.features * noise.actions else {
                throw AgentError.checkpoint("the saved gSDE noise does not fit \(name)'s num_envs, hidden features and actions")
            }
            noise.restore(saved, copies: hyperparameters.numEnvs)
        }
        guard lastRaw.count % max(actionSize, 1) == 0, n < max(hyperparameters.nSteps * hyperparameters.numEnvs, 1) else {
            throw AgentError.checkpoint("the saved rollout does not fit \(name)'s n_steps and action size")
        }
    }
}
