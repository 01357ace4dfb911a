import Gym

extension Checks {
    static let modelConsistency = ConformanceCheck(id: "model.consistency", summary: "visited states are reachable in the model, terminal states end episodes, rewards and transitions exist in the model") { env, _, config in
        guard let (modelled, model) = model(env) else { return .skipped(ModelMessage.noModel) }
        let reachable = model.reachableStates()
        var rng = RandomSource(seed: config.seed &+ 8)
        try env.reset(seed: config.seed, options: .none)
        for t in 0..<5000 {
            let s = modelled.currentState!
            guard reachable.contains(s) else { return .failed(ModelMessage.unreachable(model.stateNames[s])) }
            let a = env.actionSpace.sampleAction(using: &rng)
            let step = try env.step(a)
            let next = modelled.currentState!
            let rewardExists = model.outcomes(s, a.index ?? 0).contains { model.nextStates[$0] == next && model.rewards[$0] == step.reward }
            if !rewardExists {
                return .failed(ModelMessage.transitionNotInModel(step: t, from: model.stateNames[s], action: model.actionNames[a.index ?? 0], to: model.stateNames[next], reward: step.reward))
            }
            if model.terminal[next] != step.terminated {
                return .failed(ModelMessage.terminationDisagrees(step: t, entering: model.stateNames[next], terminal: model.terminal[next], terminated: step.terminated))
            }
            if step.isLast { try env.reset(seed: nil, options: .none) }
        }
        return .passed
    }
}

/// The verdicts of the checks against a known model.
enum ModelMessage {
    static let noModel = "no known model"
    static func unreachable(_ state: String) -> String { "the environment is in \(state), which the model cannot reach from the start" }
    static func transitionNotInModel(step: Int, from state: String, action: String, to next: String, reward: Double) -> String {
        "step \(step): from \(state) with action \(action) the environment went to \(next) with reward \(reward), which the model does not allow"
    }
    static func terminationDisagrees(step: Int, entering state: String, terminal: Bool, terminated: Bool) -> String {
        "step \(step): entering \(state) (\(terminal ? "terminal" : "not terminal")) returned terminated = \(terminated)"
    }
}
