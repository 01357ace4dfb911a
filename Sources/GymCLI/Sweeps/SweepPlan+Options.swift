import GymRuns

extension SweepPlan {
    /// The plan of a `gym sweep` or `gym compare`, from its options.
    init(environment: EnvironmentOptions, agents: [String], seeds: Int, settings: [String: String], grid: [Axis],
         training: TrainingOptions, directory: String) {
        self.init(environment: environment.environment,
                  arguments: environment.parameters.parameters.flatMap { ["--param", $0] } + environment.plugins.arguments,
                  agents: agents, seeds: seeds, settings: settings, grid: grid, steps: training.stepCount,
                  evaluationEpisodes: training.evaluationEpisodes, threads: training.threads, directory: directory)
    }
}
