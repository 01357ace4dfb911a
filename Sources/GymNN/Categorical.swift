#if canImport(Glibc)
import Glibc
#endif
import GymRandom

/// A categorical distribution per row of logits (discrete policies).
public enum Categorical {
    /// Row-wise log-softmax of `logits` (numerically stable).
    public static func logSoftmax(_ logits: Matrix) -> Matrix {
        var out = logits
        for r in 0..<logits.rows {
            let base = r * logits.columns
            var m = -Float.infinity
            for c in 0..<logits.columns { m = max(m, logits.data[base + c]) }
            var sum: Float = 0
            for c in 0..<logits.columns { sum += expf(logits.data[base + c] - m) }
            let logZ = m + logf(sum)
            for c in 0..<logits.columns { out.data[base + c] = logits.data[base + c] - logZ }
        }
        return out
    }

    /// Row-wise probabilities.
    public static func probabilities(_ logits: Matrix) -> Matrix {
        var p = logSoftmax(logits)
        for i in p.data.indices { p.data[i] = expf(p.data[i]) }
        return p
    }

    /// log pi(a_r | row r) for each row, and the gradient of `sum_r weights[r] * log pi(a_r)` with
    /// respect to the logits: `weights[r] * (onehot(a_r) - softmax(row r))`.
    public static func logProbabilities(_ logits: Matrix, actions: [Int], weights: [Float], gradient: inout Matrix) -> [Float] {
        let logp = logSoftmax(logits)
        gradient.resize(rows: logits.rows, columns: logits.columns)
        var result = [Float](repeating: 0, count: logits.rows)
        for r in 0..<logits.rows {
            let base = r * logits.columns
            result[r] = logp.data[base + actions[r]]
            for c in 0..<logits.columns {
                gradient.data[base + c] = weights[r] * ((c == actions[r] ? 1 : 0) - expf(logp.data[base + c]))
            }
        }
        return result
    }

    /// The entropy of each row, and adds `weight` times the gradient of the summed entropies to `gradient`:
    /// dH/dz_c = -p_c (log p_c + H).
    public static func entropy(_ logits: Matrix, weight: Float, addingTo gradient: inout Matrix) -> [Float] {
        let logp = logSoftmax(logits)
        var result = [Float](repeating: 0, count: logits.rows)
        for r in 0..<logits.rows {
            let base = r * logits.columns
            var h: Float = 0
            for c in 0..<logits.columns { h -= expf(logp.data[base + c]) * logp.data[base + c] }
            result[r] = h
            for c in 0..<logits.columns {
                let p = expf(logp.data[base + c])
                gradient.data[base + c] += weight * (-p * (logp.data[base + c] + h))
            }
        }
        return result
    }

    /// Samples an index from one row of logits.
    public static func sample(_ logits: [Float], using rng: inout RandomSource) -> Int {
        let p = probabilities(Matrix(row: logits)).data.map(Double.init)
        return rng.categorical(p)
    }
}
