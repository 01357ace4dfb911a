/// Pearson's chi-square goodness-of-fit test that stays valid when most outcomes are rare.
///
/// The chi-square distribution approximates the statistic only where every cell expects about 5 counts
/// or more; over hundreds of outcomes expected far below that, one outcome seen once where 0.001 was
/// expected adds 1,000 to the statistic, and a correct model fails. So outcomes expected fewer than
/// `minimumExpected` times are pooled, in the order given (neighbours in the model's order, where a
/// shifted distribution shows), into cells that expect at least that many (Cochran's rule); the others
/// are cells of their own. The false-rejection rate is then `alpha`.
struct GoodnessOfFit {
    /// One cell of the test: the outcomes it pools (indices into the counts given), and its counts.
    struct Cell: Equatable {
        let outcomes: [Int]
        let observed: Int
        let expected: Double

        /// (observed - expected) / sqrt(expected): the cell's signed share of the statistic.
        var deviation: Double { (Double(observed) - expected) / expected.squareRoot() }
    }

    static let minimumExpected = 5.0

    let cells: [Cell]
    /// How many outcomes were tested, before pooling.
    let outcomeCount: Int
    let statistic: Double
    let critical: Double
    let alpha: Double

    var rejected: Bool { statistic > critical }

    /// The test of `observed` counts against `probabilities` (one each, in the same order) at `alpha`;
    /// nil when the counts fill fewer than two cells, which leaves nothing to test.
    init?(observed: [Int], probabilities: [Double], alpha: Double) {
        let n = Double(observed.reduce(0, +))
        let groups = GoodnessOfFit.pool(expected: probabilities.map { $0 * n })
        guard groups.count > 1 else { return nil }
        cells = groups.map { outcomes in
            Cell(outcomes: outcomes, observed: outcomes.reduce(0) { $0 + observed[$1] }, expected: outcomes.reduce(0.0) { $0 + probabilities[$1] } * n)
        }
        outcomeCount = observed.count
        statistic = cells.reduce(0.0) { $0 + $1.deviation * $1.deviation }
        critical = ChiSquare.critical(alpha: alpha, degreesOfFreedom: cells.count - 1)
        self.alpha = alpha
    }

    /// The `count` cells farthest from their expected counts, by |deviation|, farthest first.
    func largestDeviations(_ count: Int) -> [Cell] {
        Array(cells.sorted { abs($0.deviation) > abs($1.deviation) }.prefix(count))
    }

    /// Groups of outcome indices: each outcome expected at least `minimumExpected` times alone, the rest
    /// pooled in order until a group expects that many; a remainder joins the last pooled group, else
    /// the smallest group.
    static func pool(expected: [Double]) -> [[Int]] {
        var groups: [[Int]] = [], sums: [Double] = [], pending: [Int] = [], pendingSum = 0.0, lastPooled: Int?
        for (i, e) in expected.enumerated() {
            if e >= minimumExpected {
                groups.append([i])
                sums.append(e)
                continue
            }
            pending.append(i)
            pendingSum += e
            if pendingSum >= minimumExpected {
                lastPooled = groups.count
                groups.append(pending)
                sums.append(pendingSum)
                (pending, pendingSum) = ([], 0)
            }
        }
        guard !pending.isEmpty else { return groups }
        guard let target = lastPooled ?? sums.indices.min(by: { sums[$0] < sums[$1] }) else { return [pending] }
        groups[target] = (groups[target] + pending).sorted()
        return groups
    }
}
