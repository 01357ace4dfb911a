/// The running mean and variance of vectors of a fixed size, element by element: the statistics behind
/// `NormalizeObservation` and the agents' observation and reward normalisation (Gymnasium's and SB3's
/// `RunningMeanStd`).
///
/// Contract: the statistics start at mean 0, variance 1 and a prior count of `1e-4`, and each update
/// merges the moments of a batch into them with Chan et al.'s parallel formula, in a fixed order, so the
/// same updates give the same bits. One vector is a batch of one (variance 0). `normalized` does not
/// change the statistics.
///
/// ```swift
/// var moments = RunningMoments(size: 2)
/// moments.update(rows: [0, 0])
/// moments.update(rows: [2, 4])
/// moments.normalized([2, 4])   // about [1, 1]: mean (1, 2), variance (1, 4)
/// ```
public struct RunningMoments: Equatable, Sendable {
    public private(set) var mean: [Double]
    public private(set) var variance: [Double]
    public private(set) var count: Double

    /// Fresh statistics for vectors of `size` elements.
    public init(size: Int) {
        self.init(mean: Array(repeating: 0, count: size), variance: Array(repeating: 1, count: size), count: 1e-4)
    }

    /// Statistics as saved: `mean` and `variance` of one size, `count` positive.
    public init(mean: [Double], variance: [Double], count: Double) {
        precondition(mean.count == variance.count && count > 0, "RunningMoments needs a mean and a variance of one size and a positive count")
        self.mean = mean
        self.variance = variance
        self.count = count
    }

    public var size: Int { mean.count }

    /// Merges a batch: `rows` holds whole vectors of `size` elements, one after another (one vector is a batch of one).
    public mutating func update(rows: [Float]) { update(rows: rows.map(Double.init)) }

    /// Merges a batch: `rows` holds whole vectors of `size` elements, one after another.
    public mutating func update(rows: [Double]) {
        let n = rows.count / max(size, 1)
        guard n > 0 else { return }
        var batchMean = [Double](repeating: 0, count: size), batchVariance = batchMean
        for r in 0..<n { for i in 0..<size { batchMean[i] += rows[r * size + i] } }
        for i in 0..<size { batchMean[i] /= Double(n) }
        if n > 1 {
            for r in 0..<n { for i in 0..<size { let d = rows[r * size + i] - batchMean[i]; batchVariance[i] += d * d } }
            for i in 0..<size { batchVariance[i] /= Double(n) }
        }
        merge(mean: batchMean, variance: batchVariance, count: Double(n))
    }

    /// Merges the moments of a batch of `count` vectors.
    public mutating func merge(mean batchMean: [Double], variance batchVariance: [Double], count batchCount: Double) {
        let total = count + batchCount
        for i in 0..<size {
            let delta = batchMean[i] - mean[i]
            let m2 = variance[i] * count + batchVariance[i] * batchCount + delta * delta * count * batchCount / total
            mean[i] += delta * batchCount / total
            variance[i] = m2 / total
        }
        count = total
    }

    /// `(x - mean) / sqrt(variance + epsilon)`, clipped to [-clip, clip], for whole vectors of `size`
    /// elements one after another.
    public func normalized(_ rows: [Float], epsilon: Double = 1e-8, clip: Double = .infinity) -> [Float] {
        rows.indices.map { j in
            let i = j % size
            return Float(min(max((Double(rows[j]) - mean[i]) / (variance[i] + epsilon).squareRoot(), -clip), clip))
        }
    }
}
