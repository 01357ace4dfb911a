import Gym

extension Checks {
    static let spacesSample = ConformanceCheck(id: "spaces.sample", summary: "the action space's samples are accepted by step") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 1)
        try env.reset(seed: config.seed, options: .none)
        for i in 0..<200 {
            let action = env.actionSpace.sampleAction(using: &rng)
            guard env.actionSpace.contains(action) else { return .failed(SpacesMessage.sampleOutside(env.actionSpace, action)) }
            do {
                if try env.step(action).isLast { try env.reset(seed: nil, options: .none) }
            } catch {
                return .failed(SpacesMessage.sampleRejected(step: i, action, error))
            }
        }
        return .passed
    }

    static let observationsInSpace = ConformanceCheck(id: "spaces.observations", summary: "every observation from reset and step is in the observation space") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 2)
        var (observation, _) = try env.reset(seed: config.seed, options: .none)
        for t in 0..<1000 {
            if let reason = env.observationSpace.base.rejection(of: observation) {
                return .failed(SpacesMessage.observationOutside(observation, after: t, env.observationSpace, reason))
            }
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            observation = step.isLast ? try env.reset(seed: nil, options: .none).observation : step.observation
            if step.isLast, let reason = env.observationSpace.base.rejection(of: step.observation) {
                return .failed(SpacesMessage.finalObservationOutside(step.observation, env.observationSpace, reason))
            }
        }
        return .passed
    }
}

/// The verdicts of the space checks.
enum SpacesMessage {
    static func sampleOutside(_ space: Space, _ action: Action) -> String { "the action space \(space) sampled \(action), which it does not contain" }
    static func sampleRejected(step: Int, _ action: Action, _ error: Error) -> String { "step \(step) rejected the sampled action \(action): \(describe(error))" }
    static func observationOutside(_ observation: Observation, after steps: Int, _ space: Space, _ reason: String) -> String {
        "observation \(observation) after \(steps) steps is outside \(space): \(reason)"
    }
    static func finalObservationOutside(_ observation: Observation, _ space: Space, _ reason: String) -> String {
        "final observation \(observation) is outside \(space): \(reason)"
    }
}
