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
            every file is replaced atomically, and agent.ckpt after every evaluation. SIGINT or SIGTERM stops training \
            before the next step: the files are written for the steps done, run.json's status is "interrupted", and the \
            exit status is 130 (SIGINT) or 143 (SIGTERM). With --json the last line is run.json's object.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Agent name.")
    var agent: String

    @OptionGroup var training: TrainingOptions

    @OptionGroup var seedOption: SeedOptions

    @Option(help: "Output directory (default runs/ENV-AGENT-seedS).")
    var out: String?

    @Option(name: .customLong("eval-every"), help: "Evaluate every N steps (default steps / 20).")
    var evaluationInterval: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let evaluationInterval, evaluationInterval <= 0 { throw ValidationError("--eval-every must be positive") }
    }

    func run() throws {
        let resolved = try environment.resolve()
        let env = try resolved.make()
        let evaluationEnv = try resolved.make()
        let id = resolved.id
        let seed = seedOption.seed, steps = training.steps
        let settings = Settings(try training.settingValues())
        let learner = try AgentRegistry.make(agent, context: AgentContext(environment: env, seed: seed, totalSteps: steps, settings: settings))
        let directory = out ?? "runs/\(id)-\(agent)-seed\(seed)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let interruption = TrainingInterruption()
        let trainer = Trainer(options: Trainer.Options(steps: steps, seed: seed, evaluationInterval: evaluationInterval,
                                                       evaluationEpisodes: training.evaluationEpisodes,
                                                       stopRequested: { interruption.signal != nil }))
        let environmentFile = FileManager.default.fileExists(atPath: resolved.spec.source) ? resolved.spec.source : nil
        let interactive = isatty(STDOUT_FILENO) != 0 && !output.json
        let start = Date()
        if !output.json { print("training \(agent) on \(id) for \(steps) steps, seed \(seed) -> \(directory)") }
        try resolved.train(learner, with: trainer, on: env, evaluationEnvironment: evaluationEnv) { p in
            // The checkpoint of the latest evaluation, so that a run killed outright keeps its last one.
            try? AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt",
                                      environmentFile: environmentFile)
            guard !output.json else { return }
            let remaining = Double(p.totalSteps - p.step) / max(p.stepsPerSecond, 1e-9)
            let line = String(format: "step %d/%d  episodes %d  recent return %@  eval %@  %.0f steps/s  ETA %.0fs",
                              p.step, p.totalSteps, p.episodes, p.recentMeanReturn.map { String(format: "%.2f", $0) } ?? "-",
                              p.lastEvaluation.map { String(format: "%.2f ± %.2f", $0.mean, $0.standardDeviation) } ?? "-",
                              p.stepsPerSecond, remaining)
            if interactive { print("\r" + line, terminator: "\u{1B}[K") } else { print(line) }
            fflush(stdout)
        }
        if interactive { print("") }
        let seconds = Date().timeIntervalSince(start)
        let run = try writeOutputs(trainer: trainer, agent: learner, env: env, resolved: resolved, directory: directory, seconds: seconds,
                                   environmentFile: environmentFile)
        if let stoppedAt = trainer.interruptedAt {
            if output.json { print(run.encoded()) }
            printError("interrupted by \(interruption.name) at step \(stoppedAt) of \(steps): \(directory) holds the episodes and evaluations so far, "
                       + "the agent as it was then (agent.ckpt) and run.json marked \"interrupted\"")
            throw ExitCode(interruption.exitCode)
        }
        if output.json {
            print(run.encoded())
            return
        }
        let last = trainer.evaluations.last!
        print(String(format: "done in %.1fs: final evaluation %.3f ± %.3f (standard error of %d %@ episodes; gym evaluate measures more); "
                     + "wrote metrics.csv, evaluations.csv, curve.svg, agent.ckpt, run.json",
                     seconds, last.mean, last.standardError, last.returns.count, learner.hasGreedyPolicy ? "greedy" : "random"))
        for line in learner.trainingReport { print(line) }
    }

    /// Writes the run's files and returns run.json's object.
    func writeOutputs(trainer: Trainer, agent learner: Agent, env: Environment, resolved: ResolvedEnvironment, directory: String,
                      seconds: Double, environmentFile: String?) throws -> JSONValue {
        let id = resolved.id, seed = seedOption.seed
        let statisticKeys = Set(trainer.episodes.flatMap { $0.statistics.keys }).sorted()
        var metrics = "step,episode,return,length" + statisticKeys.map { "," + $0 }.joined() + "\n"
        for e in trainer.episodes {
            metrics += "\(e.step),\(e.episode),\(e.episodeReturn),\(e.length)" + statisticKeys.map { "," + (e.statistics[$0].map { "\($0)" } ?? "") }.joined() + "\n"
        }
        try metrics.write(toFile: directory + "/metrics.csv", atomically: true, encoding: .utf8)
        var evaluations = "step,mean,std,min,max\n"
        for e in trainer.evaluations { evaluations += "\(e.step),\(e.mean),\(e.standardDeviation),\(e.returns.min()!),\(e.returns.max()!)\n" }
        try evaluations.write(toFile: directory + "/evaluations.csv", atomically: true, encoding: .utf8)
        let curve = LearningCurve.svg(title: "\(agent) on \(id), seed \(seed)",
                                      series: [LearningCurve.Series(label: agent, points: trainer.evaluations.map { (Double($0.step), $0.mean, $0.standardDeviation) })])
        try curve.write(toFile: directory + "/curve.svg", atomically: true, encoding: .utf8)
        try AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt",
                                 environmentFile: environmentFile)
        let final: JSONValue = trainer.evaluations.last.map {
            ["mean": .number($0.mean), "std": .number($0.standardDeviation), "standard_error": .number($0.standardError), "step": .number(Double($0.step))]
        } ?? .null
        let run: JSONValue = [
            "status": .string(trainer.interruptedAt == nil ? "finished" : "interrupted"),
            "steps_done": .number(Double(trainer.interruptedAt ?? training.steps)),
            "agent": .string(agent), "environment": .string(id), "steps": .number(Double(training.steps)), "seed": .number(Double(seed)),
            "parameters": .object(resolved.overrides.mapValues { .number($0) }),
            "settings": .object(learner.settings.mapValues { .string($0) }),
            "evaluation_interval": .number(Double(trainer.options.evaluationInterval)),
            "evaluation_episodes": .number(Double(training.evaluationEpisodes)),
            "final_evaluation": final,
            "episodes": .number(Double(trainer.episodes.count)), "wall_seconds": .number(seconds),
        ]
        try (run.encoded() + "\n").write(toFile: directory + "/run.json", atomically: true, encoding: .utf8)
        return run
    }
}
