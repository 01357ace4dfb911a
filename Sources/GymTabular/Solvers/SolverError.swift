/// Errors from the solvers.
public enum SolverError: Error, CustomStringConvertible, Equatable {
    case notConverged(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .notConverged(let m), .invalidArgument(let m): return m
        }
    }
}
