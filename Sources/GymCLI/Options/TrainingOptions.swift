import ArgumentParser
import GymAgents
import GymNN

/// The budget and hyperparameters of training runs (`gym train`, `gym compare`).
struct TrainingOptions: ParsableArguments {
    @Option(help: "Environment steps of each run (default 50,000); with `gym train --resume`, the run's new total.")
    var steps: Int?

    /// `--steps`, or 50,000.
    var stepCount: Int { steps ?? 50_000 }

    @Option(name: .customLong("set"), help: ArgumentHelp("A hyperparameter: --set key=value (repeatable); `gym compare` also takes agent.key=value.", valueName: "key=value"))
    var settings: [String] = []

    @Option(name: .customLong("eval-episodes"), help: "Greedy episodes per evaluation.")
    var evaluationEpisodes: Int = 5

    @Option(help: "Threads of the agent's matrix products, which share a large product's blocks of 128 rows: 2 suit the actor-critics' batches of 256; any count gives the same numbers, and the extra threads step aside while another process holds the cores (at most 64).")
    var threads: Int = 1

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard threads <= Matrix.maximumThreadCount else { throw ValidationError("--threads must be at most \(Matrix.maximumThreadCount), not \(threads)") }
        if let steps, steps <= 0 { throw ValidationError("--steps must be positive") }
        guard evaluationEpisodes > 0 else { throw ValidationError("--eval-episodes must be positive") }
    }

    /// The `--set` items by key; a later item for the same key wins.
    func settingValues() throws -> [String: String] {
        var values: [String: String] = [:]
        for (key, value) in try assignments(settings, form: "key=value", what: "setting") { values[key] = value }
        return values
    }
}
