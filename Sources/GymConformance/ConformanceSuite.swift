import Gym

/// Runs the conformance checks against an environment factory.
///
/// The factory must return a fresh, independent instance each time, as `ConformanceSuite.standardFactory`
/// does. Checks that depend on a known
/// model or on episodes ending are skipped, not failed, where they do not apply.
public enum ConformanceSuite {
    /// Runs every check (or those whose ids are in `only`) and returns the results in catalogue order.
    public static func run(_ make: () throws -> Environment, configuration: CheckConfiguration = CheckConfiguration(),
                           only: Set<String>? = nil) -> [CheckResult] {
        Checks.all.filter { only?.contains($0.id) ?? true }.map { check in
            CheckResult(id: check.id, summary: check.summary, outcome: check.run(make, configuration))
        }
    }

    /// A factory for a registered id or file: the unwrapped environment under its declared time limit,
    /// without the order and action checks of `EpisodeGuard`, so that the environment's own enforcement
    /// is what gets checked. A `SelfEnforcingEnvironment` applies the limit itself, as under `make`;
    /// any other environment gets a `TimeLimit` layer.
    public static func standardFactory(_ id: String, registry: Registry = .shared, overrides: [String: Double] = [:]) throws -> () throws -> Environment {
        let spec = try registry.spec(id)
        return {
            let env = try registry.makeUnwrapped(id, overrides: overrides)
            guard let limit = spec.maxEpisodeSteps else { return env }
            if let enforcing = env as? SelfEnforcingEnvironment {
                enforcing.episodeLimit = limit
                return enforcing
            }
            return try TimeLimit(env, maxEpisodeSteps: limit)
        }
    }

    /// The ids of every check.
    public static var checkIDs: [String] { Checks.all.map(\.id) }
}
