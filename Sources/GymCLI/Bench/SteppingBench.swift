import Gym

/// Environment steps per second of several variants of one environment, measured in turns: each repeat
/// times every variant once, in order, so that the machine's drift over a run falls on all of them
/// alike. Ratios between variants are the median of the per-repeat ratios.
struct SteppingBench {
    let steps: Int
    let repeats: Int

    /// One timed run: steps `steps` times (or a batch's worth) and returns how many steps it took.
    typealias Run = (_ repeat: Int) throws -> Int

    /// The rates (steps per second) of every run of every variant, `[variant][repeat]`.
    func measure(_ variants: [Run]) throws -> [[Double]] {
        var rates = Array(repeating: [Double](), count: variants.count)
        for r in 0..<repeats {
            for (v, run) in variants.enumerated() {
                let (count, seconds) = try timed { try run(r) }
                rates[v].append(Double(count) / seconds)
            }
        }
        return rates
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

    /// The median over repeats of `a[r] / b[r]`.
    static func medianRatio(_ a: [Double], _ b: [Double]) -> Double { median(zip(a, b).map { $0 / $1 }) }

    /// Steps `env` with pre-drawn random actions, resetting at episode ends.
    func loop(_ env: Environment) -> Run {
        var rng = RandomSource(seed: 1)
        let actions = (0..<4096).map { _ in env.actionSpace.sampleAction(using: &rng) }
        let steps = self.steps
        // Discrete actions are read from a table of indices, as an agent produces them (and as the C loops
        // of tools/peers do); copying an `Action` out of an array costs a few nanoseconds more.
        let indices = actions.compactMap(\.index)
        let discrete = indices.count == actions.count
        return { run in
            try env.reset(seed: UInt64(run))
            var i = 0
            while i < steps {
                let step = discrete ? try env.step(.discrete(indices[i & 4095])) : try env.step(actions[i & 4095])
                if step.isLast { try env.reset() }
                i += 1
            }
            return steps
        }
    }

    /// Steps every copy of `vector` per call (copies reset themselves); counts environment steps. Discrete
    /// actions are handed over as a table of indices, as an agent or the Python package does.
    func loop(_ vector: VectorEnvironment) -> Run {
        var rng = RandomSource(seed: 1)
        let actions = (0..<256).map { _ in (0..<vector.count).map { _ in vector.actionSpace.sampleAction(using: &rng) } }
        let indices = actions.map { $0.compactMap(\.index) }
        let discrete = indices.allSatisfy { $0.count == vector.count }
        let calls = max(1, steps / vector.count)
        return { run in
            try vector.reset(seed: UInt64(run))
            for i in 0..<calls {
                if discrete {
                    try indices[i & 255].withUnsafeBufferPointer { try vector.step(.indices($0.baseAddress!)) }
                } else {
                    try vector.step(actions[i & 255])
                }
            }
            return calls * vector.count
        }
    }
}
