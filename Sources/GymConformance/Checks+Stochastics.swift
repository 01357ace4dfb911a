import Foundation
import Gym
import GymTabular

extension Checks {
    /// The known model of the environment under any wrappers, if it has one.
    static func model(_ env: Environment) -> (ModelledEnvironment, TabularModel)? {
        guard let modelled = env.unwrapped as? ModelledEnvironment, let model = modelled.knownModel else { return nil }
        return (modelled, model)
    }

    static let transitionsFollowModel = ConformanceCheck(id: "stochastics.transitions", summary: "sampled next states and rewards follow the declared probabilities (chi-square, rare outcomes pooled, Bonferroni-corrected)") { env, _, config in
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
            // Outcomes are (next state, reward) pairs, in the model's order; merge duplicates.
            var keys: [String: Int] = [:], probabilities: [Double] = [], outcomes: [(next: Int, reward: Double)] = []
            for k in model.outcomes(s, a) {
                let key = "\(model.nextStates[k])|\(model.rewards[k].bitPattern)"
                if let i = keys[key] { probabilities[i] += model.probabilities[k]; continue }
                keys[key] = probabilities.count
                probabilities.append(model.probabilities[k])
                outcomes.append((model.nextStates[k], model.rewards[k]))
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
            if let fit = GoodnessOfFit(observed: counts, probabilities: probabilities, alpha: alpha), fit.rejected {
                let oneReward = Set(outcomes.map(\.reward.bitPattern)).count == 1
                let names = outcomes.map { oneReward ? model.stateNames[$0.next] : "\(model.stateNames[$0.next]) (reward \(JSONValue.format($0.reward)))" }
                return .failed(StochasticsMessage.outcomesDoNotFollow(from: model.stateNames[s], action: model.actionNames[a], fit: fit, outcomes: names))
            }
        }
        return .passed
    }

    static let initialStateDistribution = ConformanceCheck(id: "stochastics.initial-state", summary: "initial states follow the declared start distribution (chi-square, rare states pooled)") { env, _, config in
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
        guard let fit = GoodnessOfFit(observed: counts, probabilities: model.start.map(\.probability), alpha: config.significance), fit.rejected else { return .passed }
        return .failed(StochasticsMessage.startsDoNotFollow(fit: fit, states: model.start.map { model.stateNames[$0.state] }))
    }
}

/// The verdicts of the goodness-of-fit checks.
enum StochasticsMessage {
    /// How many of the cells farthest from their expected counts a failure names.
    static let namedDeviations = 3

    static let deterministicModel = "the model is deterministic"
    static func unknownOutcome(from state: String, action: String, to next: String, reward: Double) -> String {
        "from state \(state) with action \(action) the environment went to \(next) with reward \(reward), an outcome the model does not have"
    }
    static func outcomesDoNotFollow(from state: String, action: String, fit: GoodnessOfFit, outcomes: [String]) -> String {
        "from state \(state) with action \(action): outcome counts do not follow the model's probabilities (\(test(fit, of: "outcomes"))); "
            + "largest deviations: \(deviations(fit, names: outcomes, of: "outcomes"))"
    }
    static func wrongStart(_ state: String, only start: String) -> String { "reset started in \(state), but the only start state is \(start)" }
    static func startWithoutProbability(_ state: String) -> String { "reset started in \(state), which has no start probability" }
    static func startsDoNotFollow(fit: GoodnessOfFit, states: [String]) -> String {
        "start-state counts do not follow the start distribution (\(test(fit, of: "start states"))); largest deviations: \(deviations(fit, names: states, of: "states"))"
    }

    /// `chi-square 182.3 > 157.0 at alpha 1.3e-04, 441 outcomes in 120 cells`, with how rare ones were pooled.
    private static func test(_ fit: GoodnessOfFit, of things: String) -> String {
        let pooled = fit.cells.count < fit.outcomeCount ? ", those expected fewer than \(JSONValue.format(GoodnessOfFit.minimumExpected)) times pooled" : ""
        return String(format: "chi-square %.1f > %.1f at alpha %.1e, %d %@ in %d cells", fit.statistic, fit.critical, fit.alpha, fit.outcomeCount, things, fit.cells.count) + pooled
    }

    /// The few cells farthest from their expected counts: `3,4 observed 40, expected 21.3`; a pooled cell
    /// is named by its first and last outcome in the model's order.
    private static func deviations(_ fit: GoodnessOfFit, names: [String], of things: String) -> String {
        fit.largestDeviations(namedDeviations).map { cell in
            let name = cell.outcomes.count == 1 ? names[cell.outcomes[0]]
                : "\(names[cell.outcomes.first!]) … \(names[cell.outcomes.last!]) (\(cell.outcomes.count) rare \(things) pooled)"
            return String(format: "%@ observed %d, expected %.1f", name, cell.observed, cell.expected)
        }.joined(separator: "; ")
    }
}
