import Gym

extension Checks {
    static let resetReturnsInfo = ConformanceCheck(id: "api.reset", summary: "reset returns an observation and an info dictionary, with or without a seed", whenThrown: "reset threw") { env, _, config in
        _ = try env.reset(seed: config.seed, options: .none)
        _ = try env.reset(seed: nil, options: .none)
        return .passed
    }

    static let stepBeforeReset = ConformanceCheck(id: "api.step-before-reset", summary: "step before the first reset throws GymError.resetNeeded", whenThrown: "could not make the environment") { env, _, config in
        var rng = RandomSource(seed: config.seed)
        do {
            _ = try env.step(env.actionSpace.sampleAction(using: &rng))
            return .failed(ContractMessage.stepBeforeResetAccepted)
        } catch GymError.resetNeeded {
            return .passed
        } catch {
            return .failed(ContractMessage.stepBeforeResetThrew(error))
        }
    }

    static let stepAfterEnd = ConformanceCheck(id: "api.step-after-end", summary: "step after terminated or truncated throws GymError.episodeEnded") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 3)
        try env.reset(seed: config.seed, options: .none)
        for _ in 0..<100_000 {
            if try env.step(env.actionSpace.sampleAction(using: &rng)).isLast {
                do {
                    _ = try env.step(env.actionSpace.sampleAction(using: &rng))
                    return .failed(ContractMessage.stepAfterEndAccepted)
                } catch GymError.episodeEnded {
                    return .passed
                } catch {
                    return .failed(ContractMessage.stepAfterEndThrew(error))
                }
            }
        }
        return .skipped(ContractMessage.noEpisodeEnded)
    }

    static let timeLimit = ConformanceCheck(id: "api.time-limit", summary: "episodes end by metadata.maxEpisodeSteps, with truncated unless terminal") { env, _, config in
        guard let limit = env.metadata.maxEpisodeSteps else { return .skipped(ContractMessage.noTimeLimit) }
        var rng = RandomSource(seed: config.seed &+ 4)
        for episode in 0..<3 {
            try env.reset(seed: config.seed &+ UInt64(episode), options: .none)
            var t = 0
            while true {
                let step = try env.step(env.actionSpace.sampleAction(using: &rng))
                t += 1
                if step.isLast {
                    if step.truncated && t != limit { return .failed(ContractMessage.truncatedEarly(after: t, limit: limit)) }
                    break
                }
                if t >= limit { return .failed(ContractMessage.notEndedAtLimit(step: t, limit: limit)) }
            }
        }
        return .passed
    }

    static let rewardsAndFlags = ConformanceCheck(id: "api.rewards", summary: "rewards are finite and within the declared range; terminated and truncated are never both set") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 5)
        try env.reset(seed: config.seed, options: .none)
        for t in 0..<2000 {
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            if !step.reward.isFinite { return .failed(ContractMessage.nonFiniteReward(step: t, step.reward)) }
            if let range = env.metadata.rewardRange, !range.contains(step.reward) {
                return .failed(ContractMessage.rewardOutsideRange(step: t, step.reward, range))
            }
            if step.terminated && step.truncated { return .failed(ContractMessage.bothFlags(step: t)) }
            if step.isLast { try env.reset(seed: nil, options: .none) }
        }
        return .passed
    }

    static let observeIsPure = ConformanceCheck(id: "api.observe", summary: "observe() returns the last observation and changes nothing") { env, make, config in
        var rng = RandomSource(seed: config.seed &+ 7)
        var (last, _) = try env.reset(seed: config.seed, options: .none)
        for t in 0..<200 {
            let observed = try env.observe()
            if observed != last { return .failed(ContractMessage.observeDiffers(after: t, observed, last)) }
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            last = step.isLast ? try env.reset(seed: nil, options: .none).observation : step.observation
        }
        let plain = try trajectory(try make(), seed: config.seed &+ 13, actionSeed: config.seed, steps: 200)
        let observing = try trajectory(try make(), seed: config.seed &+ 13, actionSeed: config.seed, steps: 200) { env in
            _ = try env.observe()
            _ = try env.observe()
        }
        if let difference = firstDifference(plain, observing) { return .failed(ContractMessage.observeChangedTrajectory(difference)) }
        return .passed
    }

    static let renderIsPure = ConformanceCheck(id: "api.render", summary: "render() and picture() change nothing, and one state draws one picture") { _, make, config in
        var differs: Int?
        var step = 0
        let plain = try trajectory(try make(), seed: config.seed &+ 17, actionSeed: config.seed, steps: 200)
        let drawing = try trajectory(try make(), seed: config.seed &+ 17, actionSeed: config.seed, steps: 200) { env in
            _ = env.render()
            // Compared as SVG: NaN in a picture is not equal to itself, and the SVG leaves such shapes out.
            if env.picture()?.svg != env.picture()?.svg, differs == nil { differs = step }
            step += 1
        }
        if let differs { return .failed(ContractMessage.picturesDiffer(step: differs)) }
        if let difference = firstDifference(plain, drawing) { return .failed(ContractMessage.renderChangedTrajectory(difference)) }
        return .passed
    }
}

/// The verdicts of the call-order and step checks.
enum ContractMessage {
    static let stepBeforeResetAccepted = "step before reset was accepted"
    static func stepBeforeResetThrew(_ error: Error) -> String { "step before reset threw \(describe(error)), expected GymError.resetNeeded" }
    static let stepAfterEndAccepted = "a step after the episode ended was accepted"
    static func stepAfterEndThrew(_ error: Error) -> String { "a step after the episode ended threw \(describe(error)), expected GymError.episodeEnded" }
    static let noEpisodeEnded = "no episode ended within 100,000 random steps"
    static let noTimeLimit = "no time limit declared"
    static func truncatedEarly(after steps: Int, limit: Int) -> String { "truncated after \(steps) steps, but the declared limit is \(limit)" }
    static func notEndedAtLimit(step: Int, limit: Int) -> String { "step \(step) (the declared limit \(limit)) ended neither with terminated nor truncated" }
    static func nonFiniteReward(step: Int, _ reward: Double) -> String { "step \(step) returned the reward \(reward)" }
    static func rewardOutsideRange(step: Int, _ reward: Double, _ range: ClosedRange<Double>) -> String {
        "step \(step) returned the reward \(reward), outside the declared range \(range)"
    }
    static func bothFlags(step: Int) -> String { "step \(step) set both terminated and truncated" }
    static func observeDiffers(after steps: Int, _ observed: Observation, _ last: Observation) -> String {
        "after \(steps) steps observe() returned \(observed), but the last observation was \(last)"
    }
    static func observeChangedTrajectory(_ difference: String) -> String { "calling observe() changed the trajectory: \(difference)" }
    static func renderChangedTrajectory(_ difference: String) -> String { "calling render() and picture() changed the trajectory: \(difference)" }
    static func picturesDiffer(step: Int) -> String { "two calls of picture() before step \(step) drew different pictures of one state" }
}
