import Gym

extension Checks {
    static let spacesSample = ConformanceCheck(id: "spaces.sample", summary: "the action space's samples are accepted by step") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 1)
        try env.reset(seed: config.seed, options: .none)
        for i in 0..<200 {
            let action = env.actionSpace.sampleAction(using: &rng)
            guard env.actionSpace.contains(action) else { return .failed("the action space \(env.actionSpace) sampled \(action), which it does not contain") }
            do {
                if try env.step(action).isLast { try env.reset(seed: nil, options: .none) }
            } catch {
                return .failed("step \(i) rejected the sampled action \(action): \(describe(error))")
            }
        }
        return .passed
    }

    static let observationsInSpace = ConformanceCheck(id: "spaces.observations", summary: "every observation from reset and step is in the observation space") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 2)
        var (observation, _) = try env.reset(seed: config.seed, options: .none)
        for t in 0..<1000 {
            if let reason = env.observationSpace.base.rejection(of: observation) {
                return .failed("observation \(observation) after \(t) steps is outside \(env.observationSpace): \(reason)")
            }
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            observation = step.isLast ? try env.reset(seed: nil, options: .none).observation : step.observation
            if step.isLast, let reason = env.observationSpace.base.rejection(of: step.observation) {
                return .failed("final observation \(step.observation) is outside \(env.observationSpace): \(reason)")
            }
        }
        return .passed
    }
}
