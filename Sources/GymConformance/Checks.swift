import Foundation
import Gym
import GymPlanning

/// One step as recorded for comparisons: observation, reward bits and flags.
struct Record: Equatable {
    var observation: Observation
    var rewardBits: UInt64
    var terminated: Bool
    var truncated: Bool
}

/// Runs `steps` seeded random steps from `reset(seed:)`, resetting (without a seed) at episode ends.
func trajectory(_ env: Environment, seed: UInt64, actionSeed: UInt64, steps: Int, observeBetween: Bool = false) throws -> [Record] {
    var actions = RandomSource(seed: actionSeed)
    let (first, _) = try env.reset(seed: seed, options: .none)
    var records = [Record(observation: first, rewardBits: 0, terminated: false, truncated: false)]
    for _ in 0..<steps {
        if observeBetween { _ = try env.observe(); _ = try env.observe() }
        let step = try env.step(env.actionSpace.sampleAction(using: &actions))
        records.append(Record(observation: step.observation, rewardBits: step.reward.bitPattern, terminated: step.terminated, truncated: step.truncated))
        if step.isLast { records.append(Record(observation: try env.reset(seed: nil, options: .none).observation, rewardBits: 0, terminated: false, truncated: false)) }
    }
    return records
}

/// The first place two trajectories differ, described.
func firstDifference(_ a: [Record], _ b: [Record]) -> String? {
    for (i, (x, y)) in zip(a, b).enumerated() where x != y {
        if x.observation != y.observation { return "record \(i): observation \(x.observation) vs \(y.observation)" }
        if x.rewardBits != y.rewardBits { return "record \(i): reward \(Double(bitPattern: x.rewardBits)) vs \(Double(bitPattern: y.rewardBits))" }
        return "record \(i): flags (\(x.terminated), \(x.truncated)) vs (\(y.terminated), \(y.truncated))"
    }
    return a.count == b.count ? nil : "lengths \(a.count) and \(b.count)"
}

/// Describes an error for a failure message.
func describe(_ error: Error) -> String { "\(type(of: error)): \(error)" }

/// The catalogue of checks, in the order they run (Specs/conformance.md documents each).
public enum Checks {
    public static let all: [ConformanceCheck] = [
        spacesSample, observationsInSpace, resetReturnsInfo, stepBeforeReset, stepAfterEnd, timeLimit, rewardsAndFlags,
        sameSeedSameTrajectory, reseedRestarts, seedsDiffer, observeIsPure, badActions, transitionsFollowModel,
        initialStateDistribution, modelConsistency, robustness,
    ]

    static let spacesSample = ConformanceCheck(id: "spaces.sample", summary: "the action space's samples are accepted by step") { make, config in
        do {
            let env = try make()
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
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let observationsInSpace = ConformanceCheck(id: "spaces.observations", summary: "every observation from reset and step is in the observation space") { make, config in
        do {
            let env = try make()
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
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let resetReturnsInfo = ConformanceCheck(id: "api.reset", summary: "reset returns an observation and an info dictionary, with or without a seed") { make, config in
        do {
            let env = try make()
            _ = try env.reset(seed: config.seed, options: .none)
            _ = try env.reset(seed: nil, options: .none)
            return .passed
        } catch { return .failed("reset threw \(describe(error))") }
    }

    static let stepBeforeReset = ConformanceCheck(id: "api.step-before-reset", summary: "step before the first reset throws GymError.resetNeeded") { make, config in
        do {
            let env = try make()
            var rng = RandomSource(seed: config.seed)
            do {
                _ = try env.step(env.actionSpace.sampleAction(using: &rng))
                return .failed("step before reset was accepted")
            } catch GymError.resetNeeded {
                return .passed
            } catch {
                return .failed("step before reset threw \(describe(error)), expected GymError.resetNeeded")
            }
        } catch { return .failed("could not make the environment: \(describe(error))") }
    }

    static let stepAfterEnd = ConformanceCheck(id: "api.step-after-end", summary: "step after terminated or truncated throws GymError.episodeEnded") { make, config in
        do {
            let env = try make()
            var rng = RandomSource(seed: config.seed &+ 3)
            try env.reset(seed: config.seed, options: .none)
            for _ in 0..<100_000 {
                if try env.step(env.actionSpace.sampleAction(using: &rng)).isLast {
                    do {
                        _ = try env.step(env.actionSpace.sampleAction(using: &rng))
                        return .failed("a step after the episode ended was accepted")
                    } catch GymError.episodeEnded {
                        return .passed
                    } catch {
                        return .failed("a step after the episode ended threw \(describe(error)), expected GymError.episodeEnded")
                    }
                }
            }
            return .skipped("no episode ended within 100,000 random steps")
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let timeLimit = ConformanceCheck(id: "api.time-limit", summary: "episodes end by metadata.maxEpisodeSteps, with truncated unless terminal") { make, config in
        do {
            let env = try make()
            guard let limit = env.metadata.maxEpisodeSteps else { return .skipped("no time limit declared") }
            var rng = RandomSource(seed: config.seed &+ 4)
            for episode in 0..<3 {
                try env.reset(seed: config.seed &+ UInt64(episode), options: .none)
                var t = 0
                while true {
                    let step = try env.step(env.actionSpace.sampleAction(using: &rng))
                    t += 1
                    if step.isLast {
                        if step.truncated && t != limit { return .failed("truncated after \(t) steps, but the declared limit is \(limit)") }
                        break
                    }
                    if t >= limit { return .failed("step \(t) (the declared limit \(limit)) ended neither with terminated nor truncated") }
                }
            }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let rewardsAndFlags = ConformanceCheck(id: "api.rewards", summary: "rewards are finite and within the declared range; terminated and truncated are never both set") { make, config in
        do {
            let env = try make()
            var rng = RandomSource(seed: config.seed &+ 5)
            try env.reset(seed: config.seed, options: .none)
            for t in 0..<2000 {
                let step = try env.step(env.actionSpace.sampleAction(using: &rng))
                if !step.reward.isFinite { return .failed("step \(t) returned the reward \(step.reward)") }
                if let range = env.metadata.rewardRange, !range.contains(step.reward) {
                    return .failed("step \(t) returned the reward \(step.reward), outside the declared range \(range)")
                }
                if step.terminated && step.truncated { return .failed("step \(t) set both terminated and truncated") }
                if step.isLast { try env.reset(seed: nil, options: .none) }
            }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let sameSeedSameTrajectory = ConformanceCheck(id: "determinism.same-seed", summary: "the same seed and actions give bit-identical trajectories in separate instances, stepped alternately") { make, config in
        do {
            // Stepping the two instances alternately exposes a generator shared between instances.
            let a = try make(), b = try make()
            var actions = RandomSource(seed: config.seed)
            var records: ([Record], [Record]) = ([], [])
            for (env, index) in [(a, 0), (b, 1)] {
                let first = Record(observation: try env.reset(seed: config.seed &+ 11, options: .none).observation, rewardBits: 0, terminated: false, truncated: false)
                if index == 0 { records.0.append(first) } else { records.1.append(first) }
            }
            for _ in 0..<200 {
                let action = a.actionSpace.sampleAction(using: &actions)
                for (env, index) in [(a, 0), (b, 1)] {
                    let step = try env.step(action)
                    var new = [Record(observation: step.observation, rewardBits: step.reward.bitPattern, terminated: step.terminated, truncated: step.truncated)]
                    if step.isLast { new.append(Record(observation: try env.reset(seed: nil, options: .none).observation, rewardBits: 0, terminated: false, truncated: false)) }
                    if index == 0 { records.0 += new } else { records.1 += new }
                }
                if records.0 != records.1 { break }
            }
            if let difference = firstDifference(records.0, records.1) { return .failed("two instances seeded alike and stepped alternately diverged at \(difference)") }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let reseedRestarts = ConformanceCheck(id: "determinism.reseed", summary: "reset(seed:) in mid-episode restarts the same sequence") { make, config in
        do {
            let env = try make()
            let first = try trajectory(env, seed: config.seed &+ 12, actionSeed: config.seed, steps: 100)
            var rng = RandomSource(seed: config.seed &+ 6)
            for _ in 0..<7 { if try env.step(env.actionSpace.sampleAction(using: &rng)).isLast { break } }
            let second = try trajectory(env, seed: config.seed &+ 12, actionSeed: config.seed, steps: 100)
            if let difference = firstDifference(first, second) { return .failed("reseeding the same instance did not restart the sequence: \(difference)") }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let seedsDiffer = ConformanceCheck(id: "determinism.seeds-differ", summary: "different seeds give different trajectories when the environment declares randomness, identical ones when it does not") { make, config in
        do {
            let env = try make()
            let stochastic = env.metadata.isStochastic
            var differing = 0
            for k in 0..<4 {
                let a = try trajectory(env, seed: config.seed &+ UInt64(100 + 2 * k), actionSeed: config.seed, steps: 200)
                let b = try trajectory(try make(), seed: config.seed &+ UInt64(101 + 2 * k), actionSeed: config.seed, steps: 200)
                if let difference = firstDifference(a, b) {
                    if !stochastic { return .failed("the environment declares no randomness, but two seeds gave different trajectories at \(difference)") }
                    differing += 1
                }
            }
            if stochastic && differing == 0 { return .failed("the environment declares randomness, but 4 pairs of seeds gave identical 200-step trajectories") }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let observeIsPure = ConformanceCheck(id: "api.observe", summary: "observe() returns the last observation and changes nothing") { make, config in
        do {
            let env = try make()
            var rng = RandomSource(seed: config.seed &+ 7)
            var (last, _) = try env.reset(seed: config.seed, options: .none)
            for t in 0..<200 {
                let observed = try env.observe()
                if observed != last { return .failed("after \(t) steps observe() returned \(observed), but the last observation was \(last)") }
                let step = try env.step(env.actionSpace.sampleAction(using: &rng))
                last = step.isLast ? try env.reset(seed: nil, options: .none).observation : step.observation
            }
            let plain = try trajectory(try make(), seed: config.seed &+ 13, actionSeed: config.seed, steps: 200)
            let observing = try trajectory(try make(), seed: config.seed &+ 13, actionSeed: config.seed, steps: 200, observeBetween: true)
            if let difference = firstDifference(plain, observing) { return .failed("calling observe() changed the trajectory: \(difference)") }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    /// Actions that are not in `space`, with what is wrong with each.
    static func invalidActions(_ space: Space) -> [(Action, String)] {
        switch space {
        case .discrete(let d):
            return [(.discrete(d.start + d.n), "one past the last index"), (.discrete(d.start - 1), "one before the first index"),
                    (.continuous([Double(d.start)]), "a continuous action"), (.integers([d.start]), "an integer array")]
        case .box(let b):
            let inside = (0..<b.size).map { i in b.low[i].isFinite ? (b.high[i].isFinite ? (b.low[i] + b.high[i]) / 2 : b.low[i]) : (b.high[i].isFinite ? b.high[i] : 0) }
            var result: [(Action, String)] = []
            var nan = inside; nan[0] = .nan
            result.append((.continuous(nan), "NaN"))
            if b.high[0].isFinite {
                var over = inside; over[0] = b.high[0] + max(1, abs(b.high[0]))
                result.append((.continuous(over), "above the upper bound"))
                var infinite = inside; infinite[0] = .infinity
                result.append((.continuous(infinite), "infinity"))
            }
            if b.low[0].isFinite {
                var under = inside; under[0] = b.low[0] - max(1, abs(b.low[0]))
                result.append((.continuous(under), "below the lower bound"))
            }
            result.append((.continuous(inside + [0]), "one number too many"))
            result.append((.discrete(0), "a discrete action"))
            return result
        case .multiDiscrete(let m):
            return [(.integers(m.nvec), "every element one past its range"), (.integers(Array(m.nvec.dropLast())), "too short"),
                    (.discrete(0), "a discrete action")]
        case .multiBinary(let m):
            return [(.integers(Array(repeating: 2, count: m.n)), "a 2 among the bits"), (.integers([]), "empty"), (.discrete(0), "a discrete action")]
        }
    }

    static let badActions = ConformanceCheck(id: "api.bad-actions", summary: "actions out of range, of the wrong shape, NaN or infinite are rejected with GymError.invalidAction, leaving the state unchanged") { make, config in
        do {
            let env = try make()
            try env.reset(seed: config.seed, options: .none)
            for (action, what) in invalidActions(env.actionSpace) {
                let before = try env.observe()
                do {
                    _ = try env.step(action)
                    return .failed("the invalid action \(action) (\(what)) was accepted")
                } catch GymError.invalidAction {
                    let after = try env.observe()
                    if after != before { return .failed("rejecting \(action) (\(what)) changed the observation from \(before) to \(after)") }
                } catch {
                    return .failed("the invalid action \(action) (\(what)) threw \(describe(error)), expected GymError.invalidAction")
                }
            }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    /// The known model of the environment under any wrappers, if it has one.
    static func model(_ env: Environment) -> (ModelledEnvironment, TabularModel)? {
        guard let modelled = env.unwrapped as? ModelledEnvironment, let model = modelled.knownModel else { return nil }
        return (modelled, model)
    }

    static let transitionsFollowModel = ConformanceCheck(id: "stochastics.transitions", summary: "sampled next states and rewards follow the declared probabilities (chi-square, Bonferroni-corrected)") { make, config in
        do {
            let env = try make()
            guard let (modelled, model) = model(env) else { return .skipped("no known model") }
            // Up to 8 state-action pairs with several outcomes, spread over the state space.
            var pairs: [(Int, Int)] = []
            for s in 0..<model.stateCount where !model.terminal[s] {
                for a in 0..<model.actionCount where model.outcomes(s, a).count > 1 { pairs.append((s, a)) }
            }
            guard !pairs.isEmpty else { return .skipped("the model is deterministic") }
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
                        return .failed("from state \(model.stateNames[s]) with action \(model.actionNames[a]) the environment went to \(model.stateNames[modelled.currentState!]) with reward \(step.reward), an outcome the model does not have")
                    }
                    counts[i] += 1
                    if step.isLast { try env.reset(seed: nil, options: .none) }
                }
                let statistic = ChiSquare.statistic(observed: counts, probabilities: probabilities)
                let critical = ChiSquare.critical(alpha: alpha, degreesOfFreedom: probabilities.count - 1)
                if statistic > critical {
                    return .failed(String(format: "from state %@ with action %@: outcome counts %@ do not follow the model's probabilities %@ (chi-square %.1f > %.1f at alpha %.1e)",
                                          model.stateNames[s], model.actionNames[a], "\(counts)", "\(probabilities.map { ($0 * 1000).rounded() / 1000 })", statistic, critical, alpha))
                }
            }
            return .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let initialStateDistribution = ConformanceCheck(id: "stochastics.initial-state", summary: "initial states follow the declared start distribution (chi-square)") { make, config in
        do {
            let env = try make()
            guard let (modelled, model) = model(env) else { return .skipped("no known model") }
            guard model.start.count > 1 else {
                try env.reset(seed: config.seed, options: .none)
                return modelled.currentState == model.start[0].state ? .passed
                    : .failed("reset started in \(modelled.currentState.map { model.stateNames[$0] } ?? "nil"), but the only start state is \(model.stateNames[model.start[0].state])")
            }
            var counts = [Int](repeating: 0, count: model.start.count)
            try env.reset(seed: config.seed &+ 31, options: .none)
            for _ in 0..<config.samplesPerPair {
                try env.reset(seed: nil, options: .none)
                guard let i = model.start.firstIndex(where: { $0.state == modelled.currentState }) else {
                    return .failed("reset started in \(model.stateNames[modelled.currentState!]), which has no start probability")
                }
                counts[i] += 1
            }
            let statistic = ChiSquare.statistic(observed: counts, probabilities: model.start.map(\.probability))
            let critical = ChiSquare.critical(alpha: config.significance, degreesOfFreedom: model.start.count - 1)
            return statistic > critical ? .failed(String(format: "start-state counts %@ do not follow %@ (chi-square %.1f > %.1f)", "\(counts)", "\(model.start.map(\.probability))", statistic, critical)) : .passed
        } catch { return .failed("could not run: \(describe(error))") }
    }

    static let modelConsistency = ConformanceCheck(id: "model.consistency", summary: "visited states are reachable in the model, terminal states end episodes, rewards and transitions exist in the model") { make, config in
        do {
            let env = try make()
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
        } catch { return .failed("could not run: \(describe(error))") }
    }

    /// Resident memory in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    static let robustness = ConformanceCheck(id: "robustness.random-play", summary: "random steps with random resets neither fail nor grow memory") { make, config in
        do {
            let env = try make()
            var rng = RandomSource(seed: config.seed &+ 9)
            try env.reset(seed: config.seed, options: .none)
            let warmup = min(1000, config.robustnessSteps / 10)
            var baseline = 0
            for t in 0..<config.robustnessSteps {
                if t == warmup { baseline = residentBytes() }
                let step = try env.step(env.actionSpace.sampleAction(using: &rng))
                if step.isLast || rng.nextInt(below: 500) == 0 { try env.reset(seed: rng.bernoulli(0.5) ? rng.next() : nil, options: .none) }
            }
            let growth = residentBytes() - baseline
            if growth > 64 << 20 { return .failed("resident memory grew by \(growth >> 20) MiB over \(config.robustnessSteps) steps") }
            return .passed
        } catch { return .failed("random play failed: \(describe(error))") }
    }
}
