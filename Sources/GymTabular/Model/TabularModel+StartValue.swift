extension TabularModel {
    /// The expected value of the start distribution under `values` (V* of a `Solution`).
    public func startValue(_ values: [Double]) -> Double {
        start.reduce(0) { $0 + $1.probability * values[$1.state] }
    }

    /// The optimal expected return from the start distribution with discount `gamma`, by value iteration.
    /// - Throws: `SolverError` when value iteration does not converge in `maxIterations` sweeps.
    public func optimalStartValue(gamma: Double, maxIterations: Int = 100_000) throws -> Double {
        startValue(try ValueIteration.solve(self, gamma: gamma, maxIterations: maxIterations).values)
    }
}
