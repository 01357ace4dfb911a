#if canImport(Glibc)
import Glibc
#endif
import Gym
import GymNN

/// Generalised state-dependent exploration, gSDE (Raffin, Kober and Stulp, 2022; SB3's `use_sde`): a
/// Gaussian policy whose noise is a linear function of the policy network's last hidden features f(s),
/// `noise = f(s)^T E`, with one matrix E per environment copy drawn from N(0, exp(L)^2) elementwise and
/// kept for `sde_sample_freq` steps, so that exploration is smooth in time.
///
/// The action's distribution given s is then N(mean(s), sigma(s)^2) with
/// `sigma_k(s)^2 = sum_j f_j(s)^2 exp(2 L_jk) + 1e-6` (SB3's full std, its epsilon); its log-likelihood
/// trains L, and, as in SB3 (`learn_features=False`), not the features.
final class StateDependentNoise {
    /// L, features x actions, row-major.
    let logStd: Parameter
    let features: Int
    let actions: Int
    /// One noise matrix per copy, features x actions, row-major.
    private(set) var matrices: [[Float]] = []

    static let epsilon: Float = 1e-6

    init(features: Int, actions: Int, logStdInit: Float) {
        self.features = features
        self.actions = actions
        logStd = Parameter(Array(repeating: logStdInit, count: features * actions), shape: [features, actions])
    }

    /// Draws a fresh matrix for each of `copies` copies.
    func resample(copies: Int, using rng: inout RandomSource) {
        matrices = (0..<copies).map { _ in logStd.value.map { expf($0) * Float(rng.nextNormal()) } }
    }

    /// Puts back matrices saved from `matrices`.
    func restore(_ saved: [Float], copies: Int) {
        let size = features * actions
        matrices = saved.count == copies * size ? (0..<copies).map { Array(saved[($0 * size)..<(($0 + 1) * size)]) } : []
    }

    /// `f^T E` for copy `copy`'s matrix (drawn first if there is none yet).
    func noise(_ f: ArraySlice<Float>, copy: Int, rng: inout RandomSource) -> [Float] {
        if copy >= matrices.count { resample(copies: copy + 1, using: &rng) }
        let e = matrices[copy]
        var out = [Float](repeating: 0, count: actions)
        for (j, x) in f.enumerated() { for k in 0..<actions { out[k] += x * e[j * actions + k] } }
        return out
    }

    /// log sigma_k(s) for each row of features, rows x actions.
    func rowLogStd(_ f: Matrix) -> Matrix {
        var out = Matrix(rows: f.rows, columns: actions, repeating: 0)
        let variance = logStd.value.map { expf(2 * $0) }
        for r in 0..<f.rows {
            for k in 0..<actions {
                var v = StateDependentNoise.epsilon
                for j in 0..<features { let x = f.data[r * features + j]; v += x * x * variance[j * actions + k] }
                out.data[r * actions + k] = 0.5 * logf(v)
            }
        }
        return out
    }

    /// Adds to L's gradient what `gradRowLogStd` (d loss / d log sigma_k(s), per row) implies:
    /// d log sigma_k / d L_jk = f_j^2 exp(2 L_jk) / sigma_k^2.
    func accumulate(_ gradRowLogStd: Matrix, features f: Matrix, rowLogStd: Matrix) {
        let variance = logStd.value.map { expf(2 * $0) }
        for r in 0..<f.rows {
            for k in 0..<actions {
                let g = gradRowLogStd.data[r * actions + k] / expf(2 * rowLogStd.data[r * actions + k])
                guard g != 0 else { continue }
                for j in 0..<features {
                    let x = f.data[r * features + j]
                    logStd.gradient[j * actions + k] += g * x * x * variance[j * actions + k]
                }
            }
        }
    }
}
