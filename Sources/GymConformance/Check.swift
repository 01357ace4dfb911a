import Gym

/// The verdict of one check.
public enum CheckOutcome: Equatable, Sendable {
    case passed
    case failed(String)
    case skipped(String)

    public var isFailure: Bool { if case .failed = self { return true } else { return false } }
}

/// Settings shared by the checks.
public struct CheckConfiguration: Sendable {
    /// Seed for everything the suite draws (actions, seeds), so that a verdict is reproducible.
    public var seed: UInt64 = 0
    /// Steps of the robustness check (10,000; `gym check --long` uses 1,000,000).
    public var robustnessSteps = 10_000
    /// Samples per state-action pair in the goodness-of-fit checks.
    public var samplesPerPair = 3000
    /// Significance level of the goodness-of-fit checks, before the Bonferroni correction.
    public var significance = 0.001

    public init(seed: UInt64 = 0) { self.seed = seed }
}

/// One conformance check: an id, what it guarantees, and the test itself.
public struct ConformanceCheck {
    public let id: String
    public let summary: String
    /// Runs the check on fresh environments from `make`.
    public let run: (_ make: () throws -> Environment, _ configuration: CheckConfiguration) -> CheckOutcome

    /// A check whose body gets a fresh environment (and `make`, for more). An error thrown by `make` or
    /// by the body fails the check with `whenThrown` and the error.
    init(id: String, summary: String, whenThrown: String = "could not run",
         _ body: @escaping (_ env: Environment, _ make: () throws -> Environment, _ configuration: CheckConfiguration) throws -> CheckOutcome) {
        self.id = id
        self.summary = summary
        run = { make, configuration in
            do { return try body(try make(), make, configuration) } catch { return .failed("\(whenThrown): \(describe(error))") }
        }
    }
}

/// The result of running one check.
public struct CheckResult: Sendable {
    public let id: String
    public let summary: String
    public let outcome: CheckOutcome

    public init(id: String, summary: String, outcome: CheckOutcome) {
        self.id = id
        self.summary = summary
        self.outcome = outcome
    }
}
