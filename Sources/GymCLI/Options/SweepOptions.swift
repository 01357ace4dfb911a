import ArgumentParser

/// What `gym sweep` and `gym compare` share: the environment, the agents and seeds, each run's budget and
/// settings, where the runs go and where they are made.
struct SweepOptions: ParsableArguments {
    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Comma-separated agent names.")
    var agents: String

    @Option(help: "Seeds per agent (0..<N); with a grid, per configuration.")
    var seeds: Int = 5

    @OptionGroup var training: TrainingOptions

    @Option(help: "Output directory (default runs/compare-ENV or runs/sweep-ENV).")
    var out: String?

    @OptionGroup var cluster: ClusterOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard seeds > 0 else { throw ValidationError("--seeds must be positive") }
    }

    var agentNames: [String] { agents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
}
