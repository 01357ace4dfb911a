import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymNN
import GymPlugins

/// One `gym train` run: what it trains, with what, for how long and where its files go; fresh, or
/// resumed from a run directory's run.json and resume.ckpt.
struct TrainingRun {
    let resolved: ResolvedEnvironment
    let agentName: String
    let seed: UInt64
    let steps: Int
    let settings: [String: String]
    let evaluationInterval: Int?
    let evaluationEpisodes: Int
    let directory: String
    /// The training checkpoint and the wall time already spent, for a resumed run.
    let resumed: (checkpoint: Checkpoint, seconds: Double)?
    /// Whether best.ckpt keeps the agent of the best evaluation so far (`--keep-best`, as SB3's `EvalCallback`).
    var keepBest = false

    var id: String { resolved.id }
    var resumePath: String { directory + "/resume.ckpt" }
    var metricsPath: String { directory + "/metrics.csv" }
    /// The least time between two writes of the run's files at evaluations (`SaveSchedule`).
    static let saveInterval: TimeInterval = 1
    var environmentFile: String? { FileManager.default.fileExists(atPath: resolved.spec.source) ? resolved.spec.source : nil }

    /// Trains, writes the run's files, and prints what happened.
    /// - Throws: `ExitCode` 130 or 143 when a signal stopped it; the errors of making and training.
    func execute(json: Bool) throws {
        let env = try resolved.make()
        let evaluationEnv = try resolved.make()
        let learner = try AgentRegistry.make(agentName, context: AgentContext(environment: env, seed: seed, totalSteps: steps,
                                                                              settings: Settings(settings)))
        let target = try resolved.trainingTarget(for: learner, environment: env)
        let interruption = TrainingInterruption()
        let trainer = Trainer(options: Trainer.Options(steps: steps, seed: seed, evaluationInterval: evaluationInterval,
                                                       evaluationEpisodes: evaluationEpisodes, stopRequested: { interruption.signal != nil }))
        var state: TrainerState?
        if let (checkpoint, _) = resumed { state = try restore(learner, target, from: checkpoint, logInterval: trainer.options.logInterval) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let interactive = isatty(STDOUT_FILENO) != 0 && !json
        let start = Date()
        if !json {
            print(state.map { "resuming \(agentName) on \(id) at step \($0.step) of \(steps), seed \(seed) -> \(directory)" }
                  ?? "training \(agentName) on \(id) for \(steps) steps, seed \(seed) -> \(directory)")
        }
        // Where a run can be resumed from: the agent's whole training state, the environment's (or the
        // vector's) and the loop's; metrics.csv first, since resume.ckpt counts on its rows. Written at the
        // evaluations the schedule picks, at the last and when a signal stops the run.
        let schedule = SaveSchedule(interval: TrainingRun.saveInterval)
        let saveResume: ((TrainerState) throws -> Void)? = (learner as? ResumableAgent).flatMap { resumable in
            !target.canSaveState ? nil : { loop in
                guard schedule.due || loop.step >= steps || trainer.interruptedAt != nil else { return }
                try MetricsFile.write(loop.log, to: metricsPath)
                try TrainingRun.writeResume(resumable, target.snapshot()!, environmentID: id, loop, to: resumePath)
            }
        }
        try writeRunFile(trainer: trainer, agent: learner, seconds: resumed?.seconds ?? 0, resumable: saveResume != nil, status: .running)
        try target.train(learner, with: trainer, evaluationEnvironment: evaluationEnv, resuming: state, checkpoint: saveResume) { p in
            // The checkpoint of a recent evaluation, so that a run killed outright keeps one (the last
            // evaluation's is written with the run's other files at the end).
            if schedule.evaluation(), p.step < steps {
                try? AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt",
                                          environmentFile: environmentFile)
                _ = try? writeRunFile(trainer: trainer, agent: learner, seconds: Date().timeIntervalSince(start) + (resumed?.seconds ?? 0),
                                      resumable: saveResume != nil, status: .running)
            }
            if keepBest, let last = trainer.evaluations.last, trainer.evaluations.dropLast().allSatisfy({ $0.mean < last.mean }) {
                try? AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/best.ckpt",
                                          environmentFile: environmentFile)
            }
            guard !json else { return }
            let remaining = Double(p.totalSteps - p.step) / max(p.stepsPerSecond, 1e-9)
            let line = String(format: "step %d/%d  episodes %d  recent return %@  eval %@  %.0f steps/s  ETA %.0fs",
                              p.step, p.totalSteps, p.episodes, p.recentMeanReturn.map { String(format: "%.2f", $0) } ?? "-",
                              p.lastEvaluation.map { String(format: "%.2f ± %.2f", $0.mean, $0.standardDeviation) } ?? "-",
                              p.stepsPerSecond, remaining)
            if interactive { print("\r" + line, terminator: "\u{1B}[K") } else { print(line) }
            fflush(stdout)
        }
        if interactive { print("") }
        let seconds = Date().timeIntervalSince(start) + (resumed?.seconds ?? 0)
        let run = try writeOutputs(trainer: trainer, agent: learner, env: env, seconds: seconds, resumable: saveResume != nil)
        if let stoppedAt = trainer.interruptedAt {
            if json { print(try run.encoded()) }
            printError("interrupted by \(interruption.name) at step \(stoppedAt) of \(steps): \(directory) holds the episodes and evaluations so far, "
                       + "the agent as it was then (agent.ckpt) and run.json marked \"interrupted\""
                       + (saveResume == nil ? "" : "; gym train --resume \(directory) continues it"))
            throw ExitCode(interruption.exitCode)
        }
        if json {
            print(try run.encoded())
            return
        }
        let last = trainer.evaluations.last!
        print(String(format: "done in %.1fs: final evaluation %.3f ± %.3f (standard error of %d %@ episodes; gym evaluate measures more); "
                     + "wrote metrics.csv, evaluations.csv, curve.svg, report.html, agent.ckpt, run.json",
                     seconds, last.mean, last.standardError, last.returns.count, learner.hasGreedyPolicy ? "greedy" : "random"))
        if let best = bestEvaluation(trainer) {
            print(String(format: "kept best.ckpt: the best evaluation, %.3f at step %d (the final policy above is agent.ckpt's)", best.mean, best.step))
        }
        for line in learner.trainingReport { print(line) }
    }

    /// The first evaluation with the highest mean, when the run keeps the best checkpoint.
    func bestEvaluation(_ trainer: Trainer) -> EvaluationRecord? {
        guard keepBest else { return nil }
        return trainer.evaluations.reduce(nil) { best, e in best.map { e.mean > $0.mean ? e : $0 } ?? e }
    }

    /// Writes the run's files and returns run.json's record.
    func writeOutputs(trainer: Trainer, agent learner: Agent, env: Environment, seconds: Double, resumable: Bool) throws -> TrainingRunRecord {
        try MetricsFile.write(trainer.log, to: metricsPath)
        var evaluations = "step,mean,std,min,max\n"
        for e in trainer.evaluations { evaluations += "\(e.step),\(e.mean),\(e.standardDeviation),\(e.returns.min()!),\(e.returns.max()!)\n" }
        try evaluations.write(toFile: directory + "/evaluations.csv", atomically: true, encoding: .utf8)
        let curve = LearningCurve.svg(title: "\(agentName) on \(id), seed \(seed)",
                                      yLabel: "return per episode (mean ± std over \(evaluationEpisodes) evaluation episodes)",
                                      series: [LearningCurve.Series(label: agentName, points: trainer.evaluations.map { (Double($0.step), $0.mean, $0.standardDeviation) })])
        try curve.write(toFile: directory + "/curve.svg", atomically: true, encoding: .utf8)
        try AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt",
                                 environmentFile: environmentFile)
        try writeReport(trainer: trainer, agent: learner, curve: curve, seconds: seconds)
        return try writeRunFile(trainer: trainer, agent: learner, seconds: seconds, resumable: resumable,
                                status: trainer.interruptedAt == nil ? .finished : .interrupted)
    }

    /// Writes run.json (status "running" at the start, so that a run killed outright can be resumed).
    @discardableResult
    func writeRunFile(trainer: Trainer, agent learner: Agent, seconds: Double, resumable: Bool, status: RunStatus) throws -> TrainingRunRecord {
        let best = bestEvaluation(trainer)
        let record = TrainingRunRecord(
            status: status, stepsDone: status == .running ? trainer.evaluations.last?.step ?? 0 : trainer.interruptedAt ?? steps,
            resumable: resumable, agent: agentName, environment: id, steps: steps, seed: seed, parameters: resolved.overrides,
            settings: learner.settings, evaluationInterval: trainer.options.evaluationInterval, evaluationEpisodes: evaluationEpisodes,
            finalEvaluation: trainer.evaluations.last.map {
                .init(mean: $0.mean, std: $0.standardDeviation, standardError: $0.standardError, step: $0.step)
            },
            episodes: trainer.log.episodeCount, wallSeconds: seconds,
            pluginIsolation: Plugins.isolation.map { .init(timeout: $0.timeout) },
            environmentFile: environmentFile.map { URL(fileURLWithPath: $0).standardizedFileURL.path },
            keepBest: keepBest ? true : nil, bestEvaluation: best.map { .init(mean: $0.mean, step: $0.step) })
        try record.write(to: directory)
        return record
    }
}
