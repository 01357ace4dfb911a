import Gym
import GymNN

/// A bounded Box seen from an actor whose outputs lie in [-1, 1] (a tanh): outputs map linearly onto
/// the bounds, and box actions map back to the actor's scale, the scale the replay buffer stores.
struct UnitBox {
    let box: Box

    /// The box action of actor output `u`.
    func action(_ u: [Float]) -> Action {
        .continuous(box.clip((0..<u.count).map { i in
            let half: Double = (box.high[i] - box.low[i]) / 2
            return box.low[i] + (Double(u[i]) + 1) * half
        }))
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
