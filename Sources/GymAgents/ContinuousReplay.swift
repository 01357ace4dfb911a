import Gym
import GymNN

// The pieces the off-policy actor-critics share: the Box as an actor in [-1, 1] sees it, the critic's
// input, and the replay of transitions.

/// A bounded Box seen from an actor whose outputs lie in [-1, 1] (a tanh): outputs map linearly onto
/// the bounds, and box actions map back to the actor's scale, the scale the replay buffer stores.
struct UnitBox {
    let box: Box

    /// The box action of actor output `u`.
    func action(_ u: [Float]) -> Action { .continuous(values(u)) }

    /// The box action of actor output `u`, its values.
    func values(_ u: [Float]) -> [Double] {
        box.clip((0..<u.count).map { i in
            let half: Double = (box.high[i] - box.low[i]) / 2
            return box.low[i] + (Double(u[i]) + 1) * half
        })
    }

    /// A box action in [-1, 1].
    func unit(_ a: [Double]) -> [Float] {
        (0..<a.count).map { i in
            let fraction: Double = (a[i] - box.low[i]) / (box.high[i] - box.low[i])
            return Float(2 * fraction - 1)
        }
    }
}

extension Matrix {
    /// The critic's input: the observations and the actions side by side, row by row.
    static func criticInput(_ observations: Matrix, _ actions: Matrix) -> Matrix {
        let o = observations.columns, a = actions.columns
        var data = [Float](repeating: 0, count: observations.rows * (o + a))
        for r in 0..<observations.rows {
            for c in 0..<o { data[r * (o + a) + c] = observations.data[r * o + c] }
            for c in 0..<a { data[r * (o + a) + o + c] = actions.data[r * a + c] }
        }
        return Matrix(rows: observations.rows, columns: o + a, data: data)
    }

    /// The action columns of a critic input's gradient (the columns after the first `observationColumns`).
    func actionColumns(after observationColumns: Int) -> Matrix {
        let a = columns - observationColumns
        return Matrix(rows: rows, columns: a, data: (0..<rows).flatMap { r in (0..<a).map { data[r * columns + observationColumns + $0] } })
    }
}

/// The replay side of the off-policy actor-critics (`dpg`, `sac`): transitions stored with their actions
/// in the actor's [-1, 1] scale, the count of environment steps, and the rule that each transition past
/// `learningStarts` is worth one update.
final class ContinuousReplay {
    let buffer: ReplayBuffer
    let scale: UnitBox
    let learningStarts: Int
    /// Environment steps collected so far.
    private(set) var steps = 0

    init(box: Box, observationSpace: Space, capacity: Int, learningStarts: Int) {
        scale = UnitBox(box: box)
        self.learningStarts = learningStarts
        buffer = ReplayBuffer(capacity: capacity, observationSpace: observationSpace, actions: .vector(size: box.size))
    }

    /// Whether actions are still drawn at random (before `learningStarts` steps).
    var isWarmingUp: Bool { steps < learningStarts }

    /// Stores every copy's transition; the number of updates they are worth.
    func add(_ step: VectorTransition) -> Int {
        let width = step.actions.width
        buffer.add(step, actionRows: (0..<step.rewards.count).flatMap { i in scale.unit(Array(step.actions.values[(i * width)..<((i + 1) * width)])) })
        return counted(step.rewards.count)
    }

    private func counted(_ n: Int) -> Int {
        let due = (0..<n).filter { steps + $0 + 1 > learningStarts }.count
        steps += n
        return due
    }

    /// The buffer and the step count, for `ResumableAgent`.
    func save(into checkpoint: inout Checkpoint) {
        checkpoint.set("replay.steps", ints: [steps])
        buffer.save(into: &checkpoint, as: "replay")
    }

    func restore(from checkpoint: Checkpoint) throws {
        steps = try checkpoint.ints("replay.steps", count: 1)[0]
        try buffer.restore(from: checkpoint, as: "replay")
    }
}
