import Gym

extension Checks {
    static let sameSeedSameTrajectory = ConformanceCheck(id: "determinism.same-seed", summary: "the same seed and actions give bit-identical trajectories in separate instances, stepped alternately") { a, make, config in
        // Stepping the two instances alternately exposes a generator shared between instances.
        let b = try make()
        var actions = RandomSource(seed: config.seed)
        var records = [[Record]](repeating: [], count: 2)
        for (index, env) in [a, b].enumerated() {
            records[index].append(Record(start: try env.reset(seed: config.seed &+ 11, options: .none).observation))
        }
        for _ in 0..<200 {
            let action = a.actionSpace.sampleAction(using: &actions)
            for (index, env) in [a, b].enumerated() {
                let step = try env.step(action)
                records[index].append(Record(step))
                if step.isLast { records[index].append(Record(start: try env.reset(seed: nil, options: .none).observation)) }
            }
            if records[0] != records[1] { break }
        }
        if let difference = firstDifference(records[0], records[1]) { return .failed(DeterminismMessage.instancesDiverged(difference)) }
        return .passed
    }

    static let reseedRestarts = ConformanceCheck(id: "determinism.reseed", summary: "reset(seed:) in mid-episode restarts the same sequence") { env, _, config in
        let first = try trajectory(env, seed: config.seed &+ 12, actionSeed: config.seed, steps: 100)
        var rng = RandomSource(seed: config.seed &+ 6)
        for _ in 0..<7 { if try env.step(env.actionSpace.sampleAction(using: &rng)).isLast { break } }
        let second = try trajectory(env, seed: config.seed &+ 12, actionSeed: config.seed, steps: 100)
        if let difference = firstDifference(first, second) { return .failed(DeterminismMessage.reseedDidNotRestart(difference)) }
        return .passed
    }

    static let seedsDiffer = ConformanceCheck(id: "determinism.seeds-differ", summary: "different seeds give different trajectories when the environment declares randomness, identical ones when it does not") { env, make, config in
        let stochastic = env.metadata.isStochastic
        var differing = 0
        for k in 0..<4 {
            let a = try trajectory(env, seed: config.seed &+ UInt64(100 + 2 * k), actionSeed: config.seed, steps: 200)
            let b = try trajectory(try make(), seed: config.seed &+ UInt64(101 + 2 * k), actionSeed: config.seed, steps: 200)
            if let difference = firstDifference(a, b) {
                if !stochastic { return .failed(DeterminismMessage.deterministicButSeedsDiffer(difference)) }
                differing += 1
            }
        }
        if stochastic && differing == 0 { return .failed(DeterminismMessage.stochasticButSeedsAgree) }
        return .passed
    }
}

/// The verdicts of the determinism checks.
enum DeterminismMessage {
    static func instancesDiverged(_ difference: String) -> String { "two instances seeded alike and stepped alternately diverged at \(difference)" }
    static func reseedDidNotRestart(_ difference: String) -> String { "reseeding the same instance did not restart the sequence: \(difference)" }
    static func deterministicButSeedsDiffer(_ difference: String) -> String {
        "the environment declares no randomness, but two seeds gave different trajectories at \(difference)"
    }
    static let stochasticButSeedsAgree = "the environment declares randomness, but 4 pairs of seeds gave identical 200-step trajectories"
}
