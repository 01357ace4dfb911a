/// Every Nash equilibrium of a nondegenerate two-player game, by support enumeration.
///
/// For each pair of supports of equal size `k`, it solves the indifference conditions (each player's
/// strategy makes the other indifferent across their support), keeps the solutions that are
/// probability vectors, and checks that no action outside a support does better. In a nondegenerate
/// game every equilibrium has supports of equal size, so the list is complete.
///
/// Degenerate games (some strategy with more pure best responses than support actions) can have
/// continua of equilibria that no list of points shows. The result then says `degenerate: true` and
/// `complete: false`. It is flagged when an equilibrium found has more pure best responses than its
/// support has actions, or when the number of equilibria found is even (a nondegenerate game has an
/// odd number). A degenerate game can escape both tests; the flag is a warning, not a proof.
///
/// The work grows as `Σₖ C(m, k) C(n, k)`; games needing more than ``limit`` support pairs are refused.
public enum SupportEnumeration {
    public static let method = "support enumeration"
    /// The most support pairs tried (about a 20 × 20 game).
    public static let limit = 150_000_000

    /// - Throws: `GameError.notApplicable` for games without exactly two players; `GameError.tooLarge`.
    public static func solve(_ game: NormalFormGame, tolerance: Double = 1e-9) throws -> EquilibriumSet {
        guard game.playerCount == 2 else {
            throw GameError.notApplicable(solver: method, reason: "the game has \(game.playerCount) players, not 2")
        }
        let m = game.actions[0].count, n = game.actions[1].count
        let pairs = supportPairs(m, n)
        guard pairs <= limit else { throw GameError.tooLarge(solver: method, size: pairs, limit: limit) }
        let a = game.matrix(0), b = game.matrix(1)
        var found: [Equilibrium] = []
        var degenerate = false
        for k in 1...min(m, n) {
            for rows in subsets(of: m, size: k) {
                for columns in subsets(of: n, size: k) {
                    // y on `columns` makes the row player indifferent over `rows`: A[rows, columns] y = u.
                    let yu = indifference(rows.map { r in columns.map { a[r][$0] } })
                    let xw = indifference(columns.map { c in rows.map { b[$0][c] } })
                    guard let (ys, u) = yu, let (xs, w) = xw else { continue }
                    guard ys.allSatisfy({ $0 > tolerance }), xs.allSatisfy({ $0 > tolerance }) else { continue }
                    var x = [Double](repeating: 0, count: m), y = [Double](repeating: 0, count: n)
                    for (i, r) in rows.enumerated() { x[r] = xs[i] }
                    for (j, c) in columns.enumerated() { y[c] = ys[j] }
                    let profile = StrategyProfile([x, y])
                    let rowValues = game.actionValues(0, against: profile), columnValues = game.actionValues(1, against: profile)
                    let scale = max(1, abs(u), abs(w))
                    guard rowValues.allSatisfy({ $0 <= u + tolerance * scale }), columnValues.allSatisfy({ $0 <= w + tolerance * scale }) else { continue }
                    if rowValues.count(where: { $0 >= u - tolerance * scale }) > k || columnValues.count(where: { $0 >= w - tolerance * scale }) > k {
                        degenerate = true
                    }
                    found.append(Equilibrium(profile: profile, values: [u, w]))
                }
            }
        }
        if found.count % 2 == 0 { degenerate = true }
        return EquilibriumSet(equilibria: found, degenerate: degenerate, complete: !degenerate,
                              value: game.isZeroSum ? found.first?.values[0] : nil, method: method)
    }

    /// The strategy `s` over the columns of `m` (k × k) that makes every row earn the same `v`, with `Σ s = 1`.
    static func indifference(_ m: [[Double]]) -> ([Double], Double)? {
        let k = m.count
        // Unknowns s₁…s_k, v: rows Σⱼ m[i][j] sⱼ - v = 0, then Σ s = 1.
        var system = m.map { $0 + [-1] }
        system.append(Array(repeating: 1, count: k) + [0])
        guard let z = LinearSystem.solve(system, Array(repeating: 0, count: k) + [1]) else { return nil }
        return (Array(z[0..<k]), z[k])
    }

    static func supportPairs(_ m: Int, _ n: Int) -> Int {
        var total = 0
        for k in 1...min(m, n) {
            let (c1, o1) = choose(m, k).multipliedReportingOverflow(by: choose(n, k))
            if o1 { return Int.max }
            let (t, o2) = total.addingReportingOverflow(c1)
            if o2 { return Int.max }
            total = t
        }
        return total
    }

    static func choose(_ n: Int, _ k: Int) -> Int {
        var result = 1
        for i in 0..<min(k, n - k) {
            let (p, o) = result.multipliedReportingOverflow(by: n - i)
            if o { return Int.max / 2 }
            result = p / (i + 1)
        }
        return result
    }

    /// The size-`k` subsets of `0..<n`, in lexicographic order.
    static func subsets(of n: Int, size k: Int) -> [[Int]] {
        var result: [[Int]] = []
        var current = Array(0..<k)
        while true {
            result.append(current)
            var i = k - 1
            while i >= 0 && current[i] == n - k + i { i -= 1 }
            if i < 0 { return result }
            current[i] += 1
            for j in (i + 1)..<k { current[j] = current[j - 1] + 1 }
        }
    }
}
