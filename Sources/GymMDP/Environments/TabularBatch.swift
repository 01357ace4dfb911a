import Gym
import GymTabular

/// Lanes of one tabular or grid MDP stepped together (`EnvironmentBatch`): one loop over the lanes
/// draws each one's outcome from the model's flat arrays by inverse CDF, as `TabularEnvironment` does,
/// from the lane's own generator.
///
/// Observation rows are one-hot (index and one-hot encodings): a step clears the lane's previous state
/// in its row and sets the new one, so the rows must hold what this batch last wrote into them (as a
/// `VectorEnvironment`'s do). Coordinates are written whole.
final class TabularBatch: EnvironmentBatch {
    let environment: TabularEnvironment
    let count: Int
    let observationSpace: Space
    let actionSpace: Space
    var episodeLimit: Int?

    let rngs: UnsafeMutablePointer<RandomSource>
    let states: UnsafeMutablePointer<Int>
    let elapsed: UnsafeMutablePointer<Int>
    /// The model's arrays, out of their `Array`s for the step loop.
    private let offsets: UnsafeMutablePointer<Int>
    /// Per state-action pair, the running sums of its outcomes' probabilities, added in the order
    /// `RandomSource.categorical` adds them: outcome `k` is drawn when `u` is below `cumulative[k]` and
    /// not below the earlier sums, the same outcome as the categorical draw, without its branches.
    private let cumulative: UnsafeMutablePointer<Double>
    private let probabilities: UnsafeMutablePointer<Double>
    private let nextStates: UnsafeMutablePointer<Int>
    private let rewards: UnsafeMutablePointer<Double>
    private let terminal: UnsafeMutablePointer<Bool>
    private let actionCount: Int
    private let oneHot: Bool
    private let width: Int

    init(_ environment: TabularEnvironment, count: Int) throws {
        guard count >= 1 else { throw GymError.invalidArgument("a batch needs at least one lane, got \(count)") }
        self.environment = environment
        self.count = count
        observationSpace = environment.observationSpace
        actionSpace = environment.actionSpace
        let model = environment.model
        func copy<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
            p.initialize(from: values, count: values.count)
            return p
        }
        rngs = .allocate(capacity: count)
        for i in 0..<count { (rngs + i).initialize(to: .entropySeeded()) }
        states = copy(Array(repeating: 0, count: count))
        elapsed = copy(Array(repeating: 0, count: count))
        offsets = copy(model.offsets)
        var sums = model.probabilities
        for pair in 0..<(model.stateCount * model.actionCount) {
            var total = 0.0
            for k in model.offsets[pair] ..< model.offsets[pair + 1] {
                total += model.probabilities[k]
                sums[k] = total
            }
        }
        cumulative = copy(sums)
        probabilities = copy(model.probabilities)
        nextStates = copy(model.nextStates)
        rewards = copy(model.rewards)
        terminal = copy(model.terminal)
        actionCount = model.actionCount
        switch environment.encoding {
        case .index, .oneHot: oneHot = true
        case .coordinates: oneHot = false
        }
        width = observationSpace.flatDimension
    }

    deinit {
        rngs.deallocate()
        states.deallocate()
        elapsed.deallocate()
        offsets.deallocate()
        probabilities.deallocate()
        cumulative.deallocate()
        nextStates.deallocate()
        rewards.deallocate()
        terminal.deallocate()
    }

    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info {
        if let seed { rngs[lane] = RandomSource(seed: seed) }
        let (state, info) = try environment.start(options, using: &rngs[lane])
        states[lane] = state
        elapsed[lane] = 0
        write(observation, state: state, previous: nil)
        return info
    }

    func step(_ actions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws {
        if case .indices(let p) = actions, oneHot {
            step(p, skip, output) { row, state, previous in row[previous] = 0; row[state] = 1 }
        } else {
            let indices = (0..<count).map { skip[$0] ? 0 : actions.action($0).index! }
            indices.withUnsafeBufferPointer { p in step(p.baseAddress!, skip, output) { write($0, state: $1, previous: $2) } }
        }
    }

    /// The step loop, with the observation writer chosen once.
    @inline(__always)
    private func step(_ actions: UnsafePointer<Int>, _ skip: UnsafePointer<Bool>, _ output: BatchOutput,
                      _ write: (UnsafeMutablePointer<Float>, Int, Int) -> Void) {
        let limit = episodeLimit ?? Int.max
        for i in 0..<count where !skip[i] {
            let s = states[i]
            let pair = s * actionCount + actions[i]
            var k = offsets[pair]
            let end = offsets[pair + 1]
            if end - k > 1 {
                let u = rngs[i].nextDouble()
                var below = 0
                for j in k ..< end { below += u >= cumulative[j] ? 1 : 0 }
                // When rounding left the sum at or below u: `categorical`'s own fallback (one draw, as above).
                k = k + below < end ? k + below : k + fallback(k, end)
            }
            let next = nextStates[k]
            states[i] = next
            elapsed[i] += 1
            let ended = terminal[next]
            output.rewards[i] = rewards[k]
            output.terminated[i] = ended
            output.truncated[i] = elapsed[i] >= limit && !ended
            write(output.observations + i * output.observationWidth, next, s)
        }
    }

    /// The outcome `RandomSource.categorical` falls back to when every running sum is at or below `u`: the
    /// last with positive probability.
    private func fallback(_ start: Int, _ end: Int) -> Int {
        var last = 0
        for j in start ..< end where probabilities[j] > 0 { last = j - start }
        return last
    }

    /// Writes state `state`'s observation into `row`, which holds state `previous`'s (or anything, when nil).
    @inline(__always)
    private func write(_ row: UnsafeMutablePointer<Float>, state: Int, previous: Int?) {
        if oneHot {
            if let previous { row[previous] = 0 } else { row.update(repeating: 0, count: width) }
            row[state] = 1
        } else {
            var values = [Float](repeating: 0, count: width)
            observationSpace.flatten(environment.observation(of: state), into: &values, at: 0)
            row.update(from: values, count: width)
        }
    }

    /// Writes state `state`'s whole observation into `row`.
    func writeObservation(_ row: UnsafeMutablePointer<Float>, state: Int) { write(row, state: state, previous: nil) }

    func observation(lane: Int) -> Observation { environment.observation(of: states[lane]) }

    func render(lane: Int) -> String? { environment.text(of: states[lane]) }
    func picture(lane: Int) -> Picture? { environment.picture(of: states[lane]) }
}
