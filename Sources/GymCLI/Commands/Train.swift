import ArgumentParser
import Foundation
import Gym
import GymAgents

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an agent on an environment; write metrics, a learning curve, a checkpoint and the run's configuration.",
        discussion: """
            Agents: \(AgentRegistry.agents.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")). \
            Hyperparameters are changed with --set key=value; `gym agents NAME` lists an agent's keys, types, defaults \
            and what each one is. \
            Writes DIR/metrics.csv (one row per episode), DIR/evaluations.csv and DIR/curve.svg (greedy evaluations \
            every --eval-every steps, mean and a band of one standard deviation), DIR/agent.ckpt and DIR/run.json; \
            every file is replaced atomically, and agent.ckpt after every evaluation. Runs on one environment copy \
            also keep DIR/resume.ckpt (the agent's whole training state, the environment's and the loop's), written \
            after every evaluation and when stopped. SIGINT or SIGTERM stops training before the next step: the \
            files are written for the steps done, run.json's status is "interrupted", and the exit status is 130 \
            (SIGINT) or 143 (SIGTERM). `gym train --resume DIR` continues an interrupted or killed run from its last \
            resume.ckpt with the settings in its run.json, and ends exactly as the uninterrupted run would have. \
            With --json the last line is run.json's object.
            """)

    @Argument(help: "An environment id (see `gym list`) or a path to a JSON MDP file; not with --resume.")
    var environment: String?

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var plugins: PluginOptions

    @Option(help: "Agent name.")
    var agent: String?

    @OptionGroup var training: TrainingOptions

    @OptionGroup var seedOption: SeedOptions

    @Option(help: "Output directory (default runs/ENV-AGENT-seedS).")
    var out: String?

    @Option(name: .customLong("eval-every"), help: "Evaluate every N steps (default steps / 20).")
    var evaluationInterval: Int?

    @Option(help: ArgumentHelp("Continue the run in this directory from its resume.ckpt, with the settings of its run.json.", valueName: "dir"))
    var resume: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let evaluationInterval, evaluationInterval <= 0 { throw ValidationError("--eval-every must be positive") }
        if resume != nil {
            if environment != nil || agent != nil || out != nil || !training.settings.isEmpty || !parameters.parameters.isEmpty {
                throw ValidationError("--resume DIR continues the run as its run.json describes it; give no environment, --agent, --set, --param or --out with it")
            }
        } else if environment == nil || agent == nil {
            throw ValidationError("give an environment and --agent NAME (or --resume DIR)")
        }
    }

    func run() throws {
        try plugins.load()
        let run: TrainingRun
        if let resume {
            run = try TrainingRun(resuming: resume)
        } else {
            let resolved = ResolvedEnvironment(spec: try Registry.shared.spec(environment!), overrides: try parameters.overrides())
            let id = resolved.id, agent = agent!, seed = seedOption.seed
            run = TrainingRun(resolved: resolved, agentName: agent, seed: seed, steps: training.steps, settings: try training.settingValues(),
                              evaluationInterval: evaluationInterval, evaluationEpisodes: training.evaluationEpisodes,
                              directory: out ?? "runs/\(id)-\(agent)-seed\(seed)", resumed: nil)
        }
        try run.execute(json: output.json)
    }
}
