/// Square linear systems `M z = b` solved by Gaussian elimination with partial pivoting.
enum LinearSystem {
    /// The solution, or nil when `m` is singular (a pivot below `1e-12` times the largest entry).
    static func solve(_ m: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var a = m, rhs = b
        let scale = max(1e-300, m.joined().map(abs).max() ?? 0)
        for k in 0..<n {
            var pivot = k
            for r in (k + 1)..<max(k + 1, n) where abs(a[r][k]) > abs(a[pivot][k]) { pivot = r }
            guard abs(a[pivot][k]) > 1e-12 * scale else { return nil }
            if pivot != k { a.swapAt(pivot, k); rhs.swapAt(pivot, k) }
            for r in (k + 1)..<max(k + 1, n) {
                let f = a[r][k] / a[k][k]
                if f == 0 { continue }
                for c in k..<n { a[r][c] -= f * a[k][c] }
                rhs[r] -= f * rhs[k]
            }
        }
        var z = [Double](repeating: 0, count: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            var sum = rhs[k]
            for c in (k + 1)..<max(k + 1, n) { sum -= a[k][c] * z[c] }
            z[k] = sum / a[k][k]
        }
        return z
    }
}
