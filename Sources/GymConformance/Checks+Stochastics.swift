import Foundation
import Gym
import GymPlanning

extension Checks {
    /// The known model of the environment under any wrappers, if it has one.
    static func model(_ env: Environment) -> (ModelledEnvironment, TabularModel)? {
        guard let modelled = env.unwrapped as? ModelledEnvironment, let model = modelled.knownModel else { return nil }
        return (modelled, model)
    }

    static let transitionsFollowModel = ConformanceCheck(id: "stochastics.transitions", summary: "sampled next states and rewards follow the declared probabilities (chi-square, Bonferroni-corrected)") { env, _, config in
        guard let (modelled, model) = model(env) else { return .skipped(ModelMessage.noModel) }
        // Up to 8 state-action pairs with several outcomes, spread over the state space.
        var pairs: [(Int, Int)] = []
        for s in 0..<model.stateCount where !model.terminal[s] {
            for a in 0..<model.actionCount where model.outcomes(s, a).count > 1 { pairs.append((s, a)) }
        }
        guard !pairs.isEmpty else { return .skipped(StochasticsMessage.deterministicModel) }
        if pairs.count > 8 { pairs = (0..<8).map { pairs[$0 * pairs.count / 8] } }
        let alpha = config.significance / Double(pairs.count)
        try env.reset(seed: config.seed &+ 21, options: .none)
        for (s, a) in pairs {
            // Outcomes are (next state, reward) pairs; merge duplicates.
            var keys: [String: Int] = [:], probabilities: [Double] = []
            for k in model.outcomes(s, a) {
                let key = "\(model.nextStates[k])|\(model.rewards[k].bitPattern)"
                if let i = keys[key] { probabilities[i] += model.probabilities[k] } else { keys[key] = probabilities.count; probabilities.append(model.probabilities[k]) }
            }
            if probabilities.count < 2 { continue }
            var counts = [Int](repeating: 0, count: probabilities.count)
            let single = model.stateCount == 1
            for _ in 0..<config.samplesPerPair {
                if !single || modelled.currentState == nil { try env.reset(seed: nil, options: single ? .none : ResetOptions(initialState: .string(model.stateNames[s]))) }
                let step = try env.step(.discrete(a))
                let key = "\(modelled.currentState!)|\(step.reward.bitPattern)"
                guard let i = keys[key] else {
                    return .failed(StochasticsMessage.unknownOutcome(from: model.stateNames[s], action: model.actionNames[a], to: model.stateNames[modelled.currentState!], reward: step.reward))
                }
                counts[i] += 1
                if step.isLast { try env.reset(seed: nil, options: .none) }
            }
            let statistic = ChiSquare.statistic(observed: counts, probabilities: probabilities)
            let critical = ChiSquare.critical(alpha: alpha, degreesOfFreedom: probabilities.count - 1)
            if statistic > critical {
                return .failed(StochasticsMessage.outcomesDoNotFollow(from: model.stateNames[s], action: model.actionNames[a], counts: counts,
                                                               probabilities: probabilities, statistic: statistic, critical: critical, alpha: alpha))
            }
        }
        return .passed
    }

    static let initialStateDistribution = ConformanceCheck(id: "stochastics.initial-state", summary: "initial states follow the declared start distribution (chi-square)") { env, _, config in
        guard let (modelled, model) = model(env) else { return .skipped(ModelMessage.noModel) }
        guard model.start.count > 1 else {
            try env.reset(seed: config.seed, options: .none)
            return modelled.currentState == model.start[0].state ? .passed
                : .failed(StochasticsMessage.wrongStart(modelled.currentState.map { model.stateNames[$0] } ?? "nil", only: model.stateNames[model.start[0].state]))
        }
        var counts = [Int](repeating: 0, count: model.start.count)
        try env.reset(seed: config.seed &+ 31, options: .none)
        for _ in 0..<config.samplesPerPair {
            try env.reset(seed: nil, options: .none)
            guard let i = model.start.firstIndex(where: { $0.state == modelled.currentState }) else {
                return .failed(StochasticsMessage.startWithoutProbability(model.stateNames[modelled.currentState!]))
            }
            counts[i] += 1
        }
        let statistic = ChiSquare.statistic(observed: counts, probabilities: model.start.map(\.probability))
        let critical = ChiSquare.critical(alpha: config.significance, degreesOfFreedom: model.start.count - 1)
        return statistic > critical ? .failed(StochasticsMessage.startsDoNotFollow(counts: counts, probabilities: model.start.map(\.probability), statistic: statistic, critical: critical)) : .passed
    }
}

/// The verdicts of the goodness-of-fit checks.
enum StochasticsMessage {
    static let deterministicModel = "the model is deterministic"
    static func unknownOutcome(from state: String, action: String, to next: String, reward: Double) -> String {
        "from state \(state) with action \(action) the environment went to \(next) with reward \(reward), an outcome the model does not have"
    }
    static func outcomesDoNotFollow(from state: String, action: String, counts: [Int], probabilities: [Double],
                                    statistic: Double, critical: Double, alpha: Double) -> String {
        String(format: "from state %@ with action %@: outcome counts %@ do not follow the model's probabilities %@ (chi-square %.1f > %.1f at alpha %.1e)",
               state, action, "\(counts)", "\(probabilities.map { ($0 * 1000).rounded() / 1000 })", statistic, critical, alpha)
    }
    static func wrongStart(_ state: String, only start: String) -> String { "reset started in \(state), but the only start state is \(start)" }
    static func startWithoutProbability(_ state: String) -> String { "reset started in \(state), which has no start probability" }
    static func startsDoNotFollow(counts: [Int], probabilities: [Double], statistic: Double, critical: Double) -> String {
        String(format: "start-state counts %@ do not follow %@ (chi-square %.1f > %.1f)", "\(counts)", "\(probabilities)", statistic, critical)
    }
}
