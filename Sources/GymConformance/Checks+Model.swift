import Gym

extension Checks {
    static let modelConsistency = ConformanceCheck(id: "model.consistency", summary: "visited states are reachable in the model, terminal states end episodes, rewards and transitions exist in the model") { env, _, config in
        guard let (modelled, model) = model(env) else { return .skipped("no known model") }
        let reachable = model.reachableStates()
        var rng = RandomSource(seed: config.seed &+ 8)
        try env.reset(seed: config.seed, options: .none)
        for t in 0..<5000 {
            let s = modelled.currentState!
            guard reachable.contains(s) else { return .failed("the environment is in \(model.stateNames[s]), which the model cannot reach from the start") }
            let a = env.actionSpace.sampleAction(using: &rng)
            let step = try env.step(a)
            let next = modelled.currentState!
            let rewardExists = model.outcomes(s, a.index ?? 0).contains { model.nextStates[$0] == next && model.rewards[$0] == step.reward }
            if !rewardExists {
                return .failed("step \(t): from \(model.stateNames[s]) with action \(model.actionNames[a.index ?? 0]) the environment went to \(model.stateNames[next]) with reward \(step.reward), which the model does not allow")
            }
            if model.terminal[next] != step.terminated {
                return .failed("step \(t): entering \(model.stateNames[next]) (\(model.terminal[next] ? "terminal" : "not terminal")) returned terminated = \(step.terminated)")
            }
            if step.isLast { try env.reset(seed: nil, options: .none) }
        }
        return .passed
    }
}
