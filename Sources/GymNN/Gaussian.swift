#if canImport(Glibc)
import Glibc
#endif
import GymRandom

/// A diagonal Gaussian per row (continuous policies), parameterised by means and log standard deviations.
public enum Gaussian {
    static let halfLogTwoPi: Float = 0.9189385332046727

    /// log N(a | mean, exp(logStd)) summed over the action dimensions of each row, with the gradients of
    /// `sum_r weights[r] * log pi(a_r)` with respect to the means and the log-stds (per row, same shape).
    /// `logStd` has either one row (state-independent, shared by all rows) or one row per sample.
    public static func logProbabilities(mean: Matrix, logStd: Matrix, actions: Matrix, weights: [Float],
                                        gradMean: inout Matrix, gradLogStd: inout Matrix) -> [Float] {
        let rows = mean.rows, d = mean.columns
        gradMean.resize(rows: rows, columns: d)
        gradLogStd.resize(rows: rows, columns: d)
        var result = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            var total: Float = 0
            for c in 0..<d {
                let ls = logStd.rows == 1 ? logStd.data[c] : logStd.data[r * d + c]
                let sigma = expf(ls)
                let z = (actions.data[r * d + c] - mean.data[r * d + c]) / sigma
                total += -0.5 * z * z - ls - halfLogTwoPi
                gradMean.data[r * d + c] = weights[r] * z / sigma
                gradLogStd.data[r * d + c] = weights[r] * (z * z - 1)
            }
            result[r] = total
        }
        return result
    }

    /// The entropy of a diagonal Gaussian with these log-stds: sum(logStd) + d (0.5 + 0.5 log 2 pi).
    /// Its gradient with respect to each log-std is 1.
    public static func entropy(logStd: [Float]) -> Float {
        logStd.reduce(0, +) + Float(logStd.count) * (0.5 + halfLogTwoPi)
    }

    /// A sample `mean + exp(logStd) * N(0, 1)` per component.
    public static func sample(mean: [Float], logStd: [Float], using rng: inout RandomSource) -> [Float] {
        (0..<mean.count).map { mean[$0] + expf(logStd[$0]) * Float(rng.nextNormal()) }
    }
}

/// Maps an unbounded output to a box: `a = low + (tanh(u) + 1) / 2 * (high - low)` (deterministic
/// tanh-squashed actions, as DDPG actors use).
public enum TanhSquash {
    public static func apply(_ u: [Float], low: [Float], high: [Float]) -> [Float] {
        (0..<u.count).map { low[$0] + (Activation.hyperbolicTangent(u[$0]) + 1) / 2 * (high[$0] - low[$0]) }
    }

    /// d a / d u for the output `u` (elementwise).
    public static func derivative(_ u: [Float], low: [Float], high: [Float]) -> [Float] {
        (0..<u.count).map { i in
            let t = Activation.hyperbolicTangent(u[i])
            return (1 - t * t) / 2 * (high[i] - low[i])
        }
    }
}
