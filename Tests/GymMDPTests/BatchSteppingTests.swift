import Gym
import GymMDP
import XCTest

/// The batched path of `VectorEnvironment` against the same environments stepped one at a time.
final class BatchSteppingTests: XCTestCase {
    static let shipped = ["gridworld-v1", "frozen-lake-4x4-v1", "frozen-lake-8x8-v1", "cliff-walking-v1", "windy-gridworld-v1",
                          "cartpole-v1", "mountain-car-v1", "pendulum-v1", "demand-v1", "demand-continuous-v1", "point-mass-v1",
                          "rock-paper-scissors-v1", "rock-paper-scissors-exploiter-v1", "prisoners-dilemma-tit-for-tat-v1"]

    /// `id` as `Registry.make` would give it: its time limit applied, no layer for the MDP kinds.
    static func make(_ id: String, limit: Int? = nil) throws -> Environment {
        let definition = try ShippedEnvironmentTests.load(id)
        return try EpisodeGuard.standard(try definition.makeEnvironment(), maxEpisodeSteps: limit ?? definition.header.maxEpisodeSteps)
    }

    /// Steps a vector and `count` single environments side by side with the same random actions, applying
    /// `mode`'s autoreset to the singles by hand, resetting random copies in mid-run with fresh seeds, and
    /// requires every observation, row, reward and flag to be identical.
    func compare(_ id: String, count: Int, threads: Int, mode: AutoresetMode, steps: Int, limit: Int? = nil,
                 file: StaticString = #filePath, line: UInt = #line) throws {
        let vector = try VectorEnvironment(count: count, autoresetMode: mode, threads: threads) { try Self.make(id, limit: limit) }
        let singles = try (0..<count).map { _ in try Self.make(id, limit: limit) }
        let label = "\(id), \(count) copies, \(threads) threads, \(mode.rawValue)"
        try vector.reset(seed: 100)
        var expected: [Observation] = [], infos: [Info] = []
        for (i, single) in singles.enumerated() {
            let (first, info) = try single.reset(seed: 100 + UInt64(i))
            expected.append(first)
            infos.append(info)
        }
        var rewards = [Double](repeating: 0, count: count), terminated = [Bool](repeating: false, count: count)
        var truncated = terminated, finals = [Observation?](repeating: nil, count: count)
        var ended = [Bool](repeating: false, count: count)
        var rng = RandomSource(seed: 7)
        let space = vector.observationSpace
        for t in 0..<steps {
            // Now and then, a copy is reset in mid-run with a seed of its own (in every mode).
            if t % 17 == 5 {
                let i = rng.nextInt(below: count), seed = rng.next()
                try vector.reset(copy: i, seed: seed)
                (expected[i], infos[i]) = try singles[i].reset(seed: seed)
                (rewards[i], terminated[i], truncated[i], ended[i]) = (0, false, false, false)
            }
            // Disabled mode: copies that ended are reset by the caller.
            if mode == .disabled {
                for i in 0..<count where ended[i] {
                    try vector.reset(copy: i, seed: UInt64(t * count + i))
                    (expected[i], infos[i]) = try singles[i].reset(seed: UInt64(t * count + i))
                    (rewards[i], terminated[i], truncated[i], ended[i]) = (0, false, false, false)
                }
            }
            let actions = (0..<count).map { _ in vector.actionSpace.sampleAction(using: &rng) }
            try vector.step(actions)
            for i in 0..<count {
                finals[i] = nil
                if mode == .nextStep && ended[i] {
                    (expected[i], infos[i]) = try singles[i].reset(seed: nil)
                    (rewards[i], terminated[i], truncated[i], ended[i]) = (0, false, false, false)
                    continue
                }
                let step = try singles[i].step(actions[i])
                (expected[i], rewards[i], terminated[i], truncated[i]) = (step.observation, step.reward, step.terminated, step.truncated)
                infos[i] = step.info
                ended[i] = step.isLast
                if mode == .sameStep && step.isLast {
                    finals[i] = step.observation
                    let reset = try singles[i].reset(seed: nil)
                    expected[i] = reset.observation
                    infos[i] = reset.info.merging(step.info) { _, step in step }
                    ended[i] = false
                }
            }
            for i in 0..<count {
                guard vector.observation(at: i) == expected[i], vector.rewards[i] == rewards[i], vector.terminated[i] == terminated[i],
                      vector.truncated[i] == truncated[i], vector.finalObservations[i] == finals[i], vector.infos[i] == infos[i] else {
                    return XCTFail("\(label): copy \(i) differs at step \(t): \(vector.observation(at: i)) against \(expected[i]), "
                        + "reward \(vector.rewards[i]) against \(rewards[i]), info \(vector.infos[i]) against \(infos[i])", file: file, line: line)
                }
                let row = Array(vector.observations[i * space.flatDimension ..< (i + 1) * space.flatDimension])
                guard row == space.flatten(expected[i]) else {
                    return XCTFail("\(label): copy \(i)'s row differs at step \(t)", file: file, line: line)
                }
                if let final = finals[i] {
                    let finalRow = Array(vector.finalObservationRows[i * space.flatDimension ..< (i + 1) * space.flatDimension])
                    guard finalRow == space.flatten(final) else { return XCTFail("\(label): copy \(i)'s final row differs", file: file, line: line) }
                }
            }
        }
    }

    func testEveryShippedEnvironmentBatchesBitIdenticallyToSingleStepping() throws {
        for id in Self.shipped {
            for count in [1, 7, 64] {
                for threads in [1, 2] where threads <= count {
                    for mode in AutoresetMode.allCases {
                        try compare(id, count: count, threads: threads, mode: mode, steps: count == 64 ? 120 : 250)
                    }
                }
            }
        }
    }

    func testTheMDPKindsTakeTheBatchedPath() throws {
        for id in ["gridworld-v1", "frozen-lake-8x8-v1", "cartpole-v1", "pendulum-v1", "demand-v1", "rock-paper-scissors-exploiter-v1"] {
            XCTAssertTrue(try VectorEnvironment(count: 4) { try Self.make(id) }.isBatched, id)
        }
        // A guard of one's own around a self-enforcing environment keeps the batch too (it once did not).
        XCTAssertTrue(try VectorEnvironment(count: 4) { try EpisodeGuard(try Self.make("cartpole-v1"), maxEpisodeSteps: 500) }.isBatched)
    }

    func testTimeLimitsInsideABatch() throws {
        // CartPole held upright by alternating pushes lasts longer than 5 steps: every copy is truncated at step 5.
        let vector = try VectorEnvironment(count: 8, autoresetMode: .disabled, threads: 2) { try Self.make("cartpole-v1", limit: 5) }
        try vector.reset(seed: 1)
        for t in 1...5 {
            try vector.step(Array(repeating: .discrete(t % 2), count: 8))
            XCTAssertEqual(vector.truncated, Array(repeating: t == 5, count: 8), "step \(t)")
            XCTAssertEqual(vector.terminated, Array(repeating: false, count: 8))
        }
        XCTAssertThrowsError(try vector.step(Array(repeating: .discrete(0), count: 8))) { error in
            XCTAssertTrue("\(error)".contains("copy 0 needs a reset"), "\(error)")
        }
        // Terminations inside the batch win over the limit, and the limits of lanes are independent.
        try compare("cartpole-v1", count: 16, threads: 2, mode: .nextStep, steps: 200, limit: 13)
        try compare("frozen-lake-8x8-v1", count: 16, threads: 2, mode: .sameStep, steps: 200, limit: 7)
    }

    func testAnInvalidActionRefusesTheWholeBatchWithItsIndex() throws {
        for (id, bad) in [("gridworld-v1", Action.discrete(4)), ("cartpole-v1", .discrete(-1)), ("pendulum-v1", .continuous([.nan])),
                          ("pendulum-v1", .continuous([2.5])), ("pendulum-v1", .continuous([0, 0]))] {
            let vector = try VectorEnvironment(count: 9, threads: 2) { try Self.make(id) }
            let twin = try VectorEnvironment(count: 9, threads: 2) { try Self.make(id) }
            try vector.reset(seed: 3)
            try twin.reset(seed: 3)
            var rng = RandomSource(seed: 1)
            let good = (0..<9).map { _ in vector.actionSpace.sampleAction(using: &rng) }
            try vector.step(good)
            try twin.step(good)
            let before = vector.observations
            var actions = good
            actions[6] = bad
            XCTAssertThrowsError(try vector.step(actions), id) { error in
                XCTAssertEqual((error as? BatchActionError)?.lane, 6, "\(id): \(error)")
                XCTAssertTrue("\(error)".contains("environment 6"), "\(error)")
            }
            XCTAssertEqual(vector.observations, before, "\(id): nothing moved")
            try vector.step(good)
            try twin.step(good)
            XCTAssertEqual(vector.observations, twin.observations, "\(id): the refused step left no trace")
        }
    }

    func testIndicesFromCallerMemoryStepAsActionValuesDo() throws {
        let a = try VectorEnvironment(count: 5) { try Self.make("frozen-lake-8x8-v1") }
        let b = try VectorEnvironment(count: 5) { try Self.make("frozen-lake-8x8-v1") }
        try a.reset(seed: 9)
        try b.reset(seed: 9)
        for t in 0..<50 {
            let indices = (0..<5).map { ($0 + t) % 4 }
            try a.step(indices.map { .discrete($0) })
            try indices.withUnsafeBufferPointer { try b.step(.indices($0.baseAddress!)) }
            XCTAssertEqual(a.observations, b.observations)
            XCTAssertEqual(a.rewards, b.rewards)
        }
        XCTAssertThrowsError(try [0, 1, 2, 3, 9].withUnsafeBufferPointer { try b.step(.indices($0.baseAddress!)) }) { error in
            XCTAssertEqual((error as? BatchActionError)?.lane, 4)
        }
    }

    func testResultsDoNotDependOnTheNumberOfThreads() throws {
        var runs: [[Float]] = []
        for threads in [1, 2, 3, 8] {
            let vector = try VectorEnvironment(count: 24, autoresetMode: .sameStep, threads: threads) { try Self.make("pendulum-v1") }
            try vector.reset(seed: 5)
            var rng = RandomSource(seed: 2)
            var trace: [Float] = []
            for _ in 0..<300 {
                try vector.step((0..<24).map { _ in vector.actionSpace.sampleAction(using: &rng) })
                trace += vector.observations
            }
            runs.append(trace)
        }
        XCTAssertTrue(runs.allSatisfy { $0 == runs[0] })
    }
}
