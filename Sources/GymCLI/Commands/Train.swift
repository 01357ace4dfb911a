import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymGames
import GymMDP
import GymNN
import GymRuns

struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an agent on an environment; write metrics, a learning curve, a checkpoint and the run's configuration.",
        discussion: """
            Agents: \(AgentRegistry.agents.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")). \
            Hyperparameters are changed with --set key=value; `gym agents NAME` lists an agent's keys, types, defaults \
            and what each one is. \
            Writes DIR/metrics.csv (the training episodes, a row per fiftieth of the evaluation interval: the \
            episodes that ended in it, their mean return and length, lowest and highest return, and the agent's \
            statistics), DIR/evaluations.csv and DIR/curve.svg (greedy evaluations \
            every --eval-every steps, mean and a band of one standard deviation), DIR/agent.ckpt and DIR/run.json; \
            every file is replaced atomically. Runs \
            also keep DIR/resume.ckpt (the agent's whole training state, the environment's and the loop's, but not \
            the episodes, which metrics.csv holds). agent.ckpt, run.json, metrics.csv and resume.ckpt are written \
            after the first evaluation, then after an evaluation at most once a second, and at the end or when stopped. SIGINT or SIGTERM stops training before the next step: the \
            files are written for the steps done, run.json's status is "interrupted", and the exit status is 130 \
            (SIGINT) or 143 (SIGTERM). `gym train --resume DIR` continues an interrupted or killed run from its last \
            resume.ckpt with the settings in its run.json, and ends exactly as the uninterrupted run would have; \
            `--resume DIR --steps N` continues a finished (or interrupted) run to N steps in all, as SB3's \
            learn(reset_num_timesteps=False) does (schedules over the run's length, such as DQN's exploration, \
            stretch to the new total from where the run stands). \
            --keep-best also keeps DIR/best.ckpt, the agent at its best evaluation so far (the first of equal ones). \
            With --json the last line is run.json's object.
            """)

    @Argument(help: "An environment id (see `gym list`) or a path to a JSON MDP file; not with --resume.")
    var environment: String?

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var plugins: PluginOptions

    @Option(help: "Agent name.")
    var agent: String?

    @Option(name: .customLong("self-play"), help: ArgumentHelp("Games: train every player with this game learner (\(GameLearnerKind.allCases.map(\.rawValue).joined(separator: ", "))) or agent.", valueName: "name"))
    var selfPlay: String?

    @Option(help: ArgumentHelp("Games: one agent per player, comma-separated (ppo,ppo).", valueName: "names"))
    var agents: String?

    @Flag(help: "Games: game learners learn from sampled rounds instead of the exact expectation.")
    var sampled = false

    @OptionGroup var training: TrainingOptions

    @OptionGroup var seedOption: SeedOptions

    @Option(help: "Output directory (default runs/ENV-AGENT-seedS).")
    var out: String?

    @Option(name: .customLong("eval-every"), help: "Evaluate every N steps (default steps / 20).")
    var evaluationInterval: Int?

    @Option(help: ArgumentHelp("Continue the run in this directory from its resume.ckpt, with the settings of its run.json.", valueName: "dir"))
    var resume: String?

    @Flag(name: .customLong("keep-best"), help: "Also keep best.ckpt: the agent at its best evaluation so far (as SB3's EvalCallback); agent.ckpt stays the final one.")
    var keepBest = false

    @Option(name: .customLong("help-agent"), help: ArgumentHelp("List an agent's settings (as `gym agents NAME`) and stop.", valueName: "name"))
    var helpAgent: String?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if helpAgent != nil { return }
        if let evaluationInterval, evaluationInterval <= 0 { throw ValidationError("--eval-every must be positive") }
        if resume != nil {
            if environment != nil || agent != nil || out != nil || keepBest || !training.settings.isEmpty || !parameters.parameters.isEmpty {
                throw ValidationError("--resume DIR continues the run as its run.json describes it; give no environment, --agent, --set, --param, --out or --keep-best with it")
            }
        } else if selfPlay != nil || agents != nil {
            if environment == nil || agent != nil || (selfPlay != nil && agents != nil) {
                throw ValidationError("self-play takes a game and either --self-play NAME or --agents A,B (not --agent)")
            }
        } else if environment == nil || agent == nil {
            throw ValidationError("give an environment and --agent NAME (or --resume DIR)")
        }
    }

    func run() throws {
        if let helpAgent { return try Agents.parse([helpAgent] + (output.json ? ["--json"] : [])).run() }
        if let resume, !plugins.inProcess { try TrainingRun.isolatePlugins(asIn: resume) }   // where the run ran them
        try plugins.load()
        Matrix.threadCount = training.threads
        if let names = selfPlay.map({ [$0] }) ?? agents.map({ $0.split(separator: ",").map(String.init) }) {
            return try trainSelfPlay(names)
        }
        if let resume, SelfPlayRun.isSelfPlay(resume) {
            if training.steps != nil { throw GymError.invalidArgument("\(resume): a self-play run resumes to its own total; --steps cannot change it") }
            return try SelfPlayRun(resuming: resume).execute(json: output.json)
        }
        let run: TrainingRun
        if let resume {
            run = try TrainingRun(resuming: resume, steps: training.steps)
        } else {
            let resolved = ResolvedEnvironment(spec: try Registry.shared.spec(environment!), overrides: try parameters.overrides())
            let id = resolved.id, agent = agent!, seed = seedOption.seed
            run = TrainingRun(resolved: resolved, agentName: agent, seed: seed, steps: training.stepCount, settings: try training.settingValues(),
                              evaluationInterval: evaluationInterval, evaluationEpisodes: training.evaluationEpisodes,
                              directory: out ?? "runs/\(id)-\(agent)-seed\(seed)", resumed: nil, keepBest: keepBest)
        }
        try run.execute(json: output.json)
    }

    /// Every player of a game learning at once.
    private func trainSelfPlay(_ names: [String]) throws {
        let resolved = ResolvedEnvironment(spec: try Registry.shared.spec(environment!), overrides: try parameters.overrides())
        guard resolved.isGame else {
            throw GymError.invalidArgument("\(resolved.id) is a single-agent environment; self-play needs a game whose players are all agents (train it with --agent)")
        }
        let seed = seedOption.seed
        let run = SelfPlayRun(resolved: resolved, learners: names, seed: seed, steps: training.stepCount, settings: try training.settingValues(),
                              sampled: sampled, evaluationInterval: evaluationInterval ?? max(1, training.stepCount / 20),
                              directory: out ?? "runs/\(resolved.id)-\(names.joined(separator: "-"))-seed\(seed)")
        try run.execute(json: output.json)
    }
}
