import Gym
import GymMDP
import XCTest

/// `VectorEnvironment.snapshot()` and `restore(_:)`: a vector put back steps exactly as the one saved, on
/// every shipped environment, in every autoreset mode, split across other threads, and on copies
/// stepped one by one; a copy's snapshot is its environment's own.
final class VectorSnapshotTests: XCTestCase {
    /// Steps `vector` `steps` times with actions drawn from `rng`, resetting (in disabled mode) the copies
    /// that ended with seeds from the step number, and returns every row, reward and flag it saw.
    /// `ended` says which copies had ended before the first step.
    func trace(_ vector: VectorEnvironment, steps: Int, ended: [Bool], rng: inout RandomSource) throws -> [[Double]] {
        var seen: [[Double]] = [vector.observations.map(Double.init)]
        var ended = ended
        for t in 0..<steps {
            if vector.autoresetMode == .disabled {
                for i in 0..<vector.count where ended[i] { try vector.reset(copy: i, seed: UInt64(1_000 * t + i)) }
            }
            try vector.step((0..<vector.count).map { _ in vector.actionSpace.sampleAction(using: &rng) })
            seen.append(vector.observations.map(Double.init) + vector.rewards + vector.terminated.map { $0 ? 1 : 0 }
                        + vector.truncated.map { $0 ? 1 : 0 })
            ended = (0..<vector.count).map { vector.terminated[$0] || vector.truncated[$0] }
        }
        return seen
    }

    /// Runs `count` copies `before` steps, saves them, runs on; then restores a fresh vector split across
    /// `restoredThreads` threads and requires the very same rows, rewards and flags.
    func assertRestoresExactly(_ label: String, count: Int = 7, threads: Int = 2, restoredThreads: Int = 1, mode: AutoresetMode,
                               before: Int = 37, after: Int = 60, factory: () throws -> Environment,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let saved = try VectorEnvironment(count: count, autoresetMode: mode, threads: threads, factory: factory)
        try saved.reset(seed: 3)
        var rng = RandomSource(seed: 11)
        _ = try trace(saved, steps: before, ended: Array(repeating: false, count: count), rng: &rng)
        let ended = (0..<count).map { saved.terminated[$0] || saved.truncated[$0] }
        guard let snapshot = saved.snapshot() else { return XCTFail("\(label): no snapshot", file: file, line: line) }
        let rows = saved.observations
        var again = rng
        let expected = try trace(saved, steps: after, ended: ended, rng: &rng)

        let restored = try VectorEnvironment(count: count, autoresetMode: mode, threads: restoredThreads, factory: factory)
        try restored.restore(snapshot)
        XCTAssertEqual(restored.observations, rows, "\(label): rows after restoring", file: file, line: line)
        XCTAssertTrue(restored.snapshot() == snapshot, "\(label): the restored vector's snapshot differs", file: file, line: line)
        let got = try trace(restored, steps: after, ended: ended, rng: &again)
        for t in 0..<expected.count where got[t] != expected[t] {
            return XCTFail("\(label): the restored vector differs \(t) steps on", file: file, line: line)
        }
    }

    func testEveryShippedEnvironmentRestoresExactlyInEveryMode() throws {
        for id in BatchSteppingTests.shipped {
            for mode in AutoresetMode.allCases {
                try assertRestoresExactly("\(id), \(mode.rawValue)", mode: mode) { try BatchSteppingTests.make(id) }
            }
        }
        // Time limits inside the batch, and a restore onto more threads than the saved vector had.
        try assertRestoresExactly("cartpole-v1 limited to 9 steps", threads: 1, restoredThreads: 3, mode: .sameStep) {
            try BatchSteppingTests.make("cartpole-v1", limit: 9)
        }
    }

    func testCopiesSteppedOneByOneRestoreExactly() throws {
        for id in ["frozen-lake-8x8-v1", "cartpole-v1", "rock-paper-scissors-exploiter-v1"] {
            let probe = try VectorEnvironment(count: 2) { try Opaque(BatchSteppingTests.make(id)) }
            XCTAssertFalse(probe.isBatched, "\(id) behind a wrapper steps copy by copy")
            for mode in AutoresetMode.allCases {
                try assertRestoresExactly("\(id) copy by copy, \(mode.rawValue)", mode: mode) { try Opaque(BatchSteppingTests.make(id, limit: 23)) }
            }
        }
    }

    /// An environment of a user's own, whose snapshot records no phase: the vector keeps the copy's.
    func testAUsersOwnSnapshottingEnvironmentRestoresExactly() throws {
        for mode in AutoresetMode.allCases {
            try assertRestoresExactly("a counter, \(mode.rawValue)", mode: mode) { Counter() }
        }
    }

    /// A copy's entries are its environment's snapshot: one environment restored from them steps as the copy does.
    func testACopysSnapshotRestoresOneEnvironment() throws {
        for id in ["windy-gridworld-v1", "pendulum-v1", "prisoners-dilemma-tit-for-tat-v1"] {
            let vector = try VectorEnvironment(count: 5, autoresetMode: .disabled, threads: 2) { try BatchSteppingTests.make(id) }
            try vector.reset(seed: 8)
            var rng = RandomSource(seed: 2)
            for _ in 0..<3 { try vector.step((0..<5).map { _ in vector.actionSpace.sampleAction(using: &rng) }) }
            var copy = EnvironmentSnapshot()
            for (key, value) in vector.snapshot()!.entries where key.hasPrefix("copy.3.") { copy.entries[String(key.dropFirst(7))] = value }
            let single = try BatchSteppingTests.make(id)
            try (single as! SnapshottingEnvironment).restore(copy)
            XCTAssertEqual(try single.observe(), vector.observation(at: 3), id)
            for t in 0..<40 where !(vector.terminated[3] || vector.truncated[3]) {
                let actions = (0..<5).map { _ in vector.actionSpace.sampleAction(using: &rng) }
                for i in 0..<5 where vector.terminated[i] || vector.truncated[i] { try vector.reset(copy: i, seed: UInt64(t)) }
                try vector.step(actions)
                let step = try single.step(actions[3])
                XCTAssertEqual(step.observation, vector.observation(at: 3), "\(id) at step \(t)")
                XCTAssertEqual(step.reward, vector.rewards[3], "\(id) at step \(t)")
                XCTAssertEqual(step.terminated, vector.terminated[3], "\(id) at step \(t)")
                XCTAssertEqual(step.truncated, vector.truncated[3], "\(id) at step \(t)")
            }
        }
    }

    func testSnapshotsThatDoNotFitAreRefusedByName() throws {
        let vector = try VectorEnvironment(count: 3) { try BatchSteppingTests.make("frozen-lake-4x4-v1") }
        try vector.reset(seed: 0)
        var snapshot = vector.snapshot()!
        let other = try VectorEnvironment(count: 4) { try BatchSteppingTests.make("frozen-lake-4x4-v1") }
        XCTAssertThrowsError(try other.restore(snapshot)) { XCTAssertTrue("\($0)".contains("of 3 copies, this vector has 4"), "\($0)") }
        snapshot.entries["copy.2.state"] = "99"
        XCTAssertThrowsError(try vector.restore(snapshot)) { XCTAssertTrue("\($0)".contains("copy 2: the snapshot's state 99 is not a state"), "\($0)") }
        snapshot.entries["copy.2.state"] = nil
        XCTAssertThrowsError(try vector.restore(snapshot)) { XCTAssertTrue("\($0)".contains("copy 2: the snapshot has no integer 'state'"), "\($0)") }
        snapshot.entries["copy.9.state"] = "1"
        XCTAssertThrowsError(try vector.restore(snapshot)) { XCTAssertTrue("\($0)".contains("'copy.9.state' is not of a copy 0..<3"), "\($0)") }
        let cartpoles = try VectorEnvironment(count: 2) { try BatchSteppingTests.make("cartpole-v1") }
        try cartpoles.reset(seed: 0)
        var far = cartpoles.snapshot()!
        let registers = HexWords.decode(far.entries["copy.1.registers"]!)!
        far.entries["copy.1.registers"] = HexWords.encode(Array(repeating: Double.nan.bitPattern, count: registers.count))
        XCTAssertThrowsError(try cartpoles.restore(far)) { XCTAssertTrue("\($0)".contains("copy 1: the snapshot's observation 0 (nan) is outside"), "\($0)") }
        far.entries["copy.1.registers"] = HexWords.encode(Array(registers.dropLast()))
        XCTAssertThrowsError(try cartpoles.restore(far)) {
            XCTAssertTrue("\($0)".contains("copy 1: the snapshot's 'registers' is not \(registers.count) hexadecimal words"), "\($0)")
        }
    }
}

/// A snapshotting environment behind a wrapper, which hides its batched path: a vector steps such copies one by one.
private final class Opaque: Wrapper, SnapshottingEnvironment {
    init(_ inner: Environment) { super.init(inner: inner) }
    func snapshot() -> EnvironmentSnapshot { (inner as! SnapshottingEnvironment).snapshot() }
    func restore(_ snapshot: EnvironmentSnapshot) throws { try (inner as! SnapshottingEnvironment).restore(snapshot) }
}

/// Counts the actions it is given, from a random start; the episode ends at 5 or more. Its snapshot is
/// its count and generator, nothing else.
private final class Counter: SnapshottingEnvironment {
    let observationSpace: Space = .box(try! Box(low: 0, high: 100, shape: [1]))
    let actionSpace: Space = .discrete(try! Discrete(3))
    let metadata = EnvironmentMetadata(id: "counter-v0", isStochastic: true, discount: 1)
    private var count = 0
    private var rng = RandomSource(seed: 0)

    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        count = rng.nextInt(below: 3)
        return (try observe(), [:])
    }
    func observe() throws -> Observation { .vector([Float(count)]) }
    func step(_ action: Action) throws -> Step {
        count += action.index!
        return Step(observation: try observe(), reward: Double(rng.nextInt(below: 2)), terminated: count >= 5, truncated: false)
    }
    func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("count", int: count)
        snapshot.set("rng", generator: rng)
        return snapshot
    }
    func restore(_ snapshot: EnvironmentSnapshot) throws {
        count = try snapshot.int("count")
        rng = try snapshot.generator("rng")
    }
}

