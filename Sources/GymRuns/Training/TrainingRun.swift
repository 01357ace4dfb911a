import Foundation
import Gym
import GymAgents
import GymNN
import GymPlugins

/// One training run: what it trains, with what, for how long and where its files go; fresh, or
/// resumed from a run directory's run.json and resume.ckpt (`init(resuming:steps:)`).
///
/// `start` trains and writes the run directory: metrics.csv, evaluations.csv, curve.svg, report.html,
/// agent.ckpt, run.json, and resume.ckpt where the agent and the environment can save their whole
/// state (best.ckpt with `keepBest`). A run stopped by its `stopRequested` hook writes its files for
/// the steps done and marks run.json "interrupted"; resumed, it ends exactly as the uninterrupted run
/// would have.
///
/// ```swift
/// let environment = try ResolvedEnvironment(id: "cartpole-v1")
/// let run = TrainingRun(resolved: environment, agentName: "ppo", seed: 0, steps: 20_000, directory: "runs/cartpole")
/// let outcome = try run.start(stopRequested: { userPressedStop })
/// if outcome.interruptedAt != nil {
///     try TrainingRun(resuming: "runs/cartpole").start()   // goes on where it stopped
/// }
/// ```
public struct TrainingRun {
    public let resolved: ResolvedEnvironment
    public let agentName: String
    public let seed: UInt64
    public let steps: Int
    public let settings: [String: String]
    public let evaluationInterval: Int?
    public let evaluationEpisodes: Int
    public let directory: String
    /// The training checkpoint and the wall time already spent, for a resumed run.
    public let resumed: (checkpoint: Checkpoint, seconds: Double)?
    /// Whether best.ckpt keeps the agent of the best evaluation so far (`--keep-best`, as SB3's `EvalCallback`).
    public var keepBest = false
    /// Hashes the environment's file (a JSON MDP, a plugin) for the checkpoints' `environment_hash`;
    /// called once per `start`, however many checkpoints the run writes.
    public var hashEnvironmentFile: (String) -> String? = AgentCheckpoint.contentHash(of:)

    /// A fresh run (`evaluationInterval` nil: a twentieth of `steps`).
    public init(resolved: ResolvedEnvironment, agentName: String, seed: UInt64, steps: Int, settings: [String: String] = [:],
                evaluationInterval: Int? = nil, evaluationEpisodes: Int = 5, directory: String,
                resumed: (checkpoint: Checkpoint, seconds: Double)? = nil, keepBest: Bool = false) {
        self.resolved = resolved
        self.agentName = agentName
        self.seed = seed
        self.steps = steps
        self.settings = settings
        self.evaluationInterval = evaluationInterval
        self.evaluationEpisodes = evaluationEpisodes
        self.directory = directory
        self.resumed = resumed
        self.keepBest = keepBest
    }

    public var id: String { resolved.id }
    var resumePath: String { directory + "/resume.ckpt" }
    var metricsPath: String { directory + "/metrics.csv" }
    /// The least time between two writes of the run's files at evaluations (`SaveSchedule`).
    static let saveInterval: TimeInterval = 1
    var environmentFile: String? { FileManager.default.fileExists(atPath: resolved.spec.source) ? resolved.spec.source : nil }

    /// Trains and writes the run's files.
    /// - Parameters:
    ///   - stopRequested: asked between steps (`Trainer.Options.stopRequested`); true stops the run there,
    ///     with its files written for the steps done and run.json marked "interrupted".
    ///   - started: called once before the first step, with the step a resumed run goes on from (nil for a fresh run).
    ///   - progress: called at the trainer's progress reports (`TrainingProgress`).
    /// - Returns: what the run did; `interruptedAt` is set when `stopRequested` stopped it.
    /// - Throws: the errors of making the environment and the agent, of restoring resume.ckpt and of writing the files.
    @discardableResult
    public func start(stopRequested: (() -> Bool)? = nil, started: ((_ resumedAtStep: Int?) -> Void)? = nil,
                      progress: ((TrainingProgress) -> Void)? = nil) throws -> TrainingRunOutcome {
        let env = try resolved.make()
        let evaluationEnv = try resolved.make()
        let learner = try AgentRegistry.make(agentName, context: AgentContext(environment: env, seed: seed, totalSteps: steps,
                                                                              settings: Settings(settings)))
        let target = try resolved.trainingTarget(for: learner, environment: env)
        let trainer = Trainer(options: Trainer.Options(steps: steps, seed: seed, evaluationInterval: evaluationInterval,
                                                       evaluationEpisodes: evaluationEpisodes, stopRequested: stopRequested))
        var state: TrainerState?
        if let (checkpoint, _) = resumed { state = try restore(learner, target, from: checkpoint, logInterval: trainer.options.logInterval) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = environmentFile.flatMap { file in hashEnvironmentFile(file).map { EnvironmentFileStamp(path: file, hash: $0) } }
        let start = Date()
        started?(state?.step)
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
                try? AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt", stamp: stamp)
                _ = try? writeRunFile(trainer: trainer, agent: learner, seconds: Date().timeIntervalSince(start) + (resumed?.seconds ?? 0),
                                      resumable: saveResume != nil, status: .running)
            }
            if keepBest, let last = trainer.evaluations.last, trainer.evaluations.dropLast().allSatisfy({ $0.mean < last.mean }) {
                try? AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/best.ckpt", stamp: stamp)
            }
            progress?(p)
        }
        let seconds = Date().timeIntervalSince(start) + (resumed?.seconds ?? 0)
        let record = try writeOutputs(trainer: trainer, agent: learner, env: env, seconds: seconds, resumable: saveResume != nil, stamp: stamp)
        return TrainingRunOutcome(record: record, interruptedAt: trainer.interruptedAt, evaluations: trainer.evaluations,
                                  bestEvaluation: bestEvaluation(trainer), seconds: seconds, resumable: saveResume != nil,
                                  hasGreedyPolicy: learner.hasGreedyPolicy, trainingReport: learner.trainingReport)
    }

    /// The first evaluation with the highest mean, when the run keeps the best checkpoint.
    func bestEvaluation(_ trainer: Trainer) -> EvaluationRecord? {
        guard keepBest else { return nil }
        return trainer.evaluations.reduce(nil) { best, e in best.map { e.mean > $0.mean ? e : $0 } ?? e }
    }

    /// Writes the run's files and returns run.json's record.
    func writeOutputs(trainer: Trainer, agent learner: Agent, env: Environment, seconds: Double, resumable: Bool,
                      stamp: EnvironmentFileStamp?) throws -> TrainingRunRecord {
        try MetricsFile.write(trainer.log, to: metricsPath)
        var evaluations = "step,mean,std,min,max\n"
        for e in trainer.evaluations { evaluations += "\(e.step),\(e.mean),\(e.standardDeviation),\(e.returns.min()!),\(e.returns.max()!)\n" }
        try evaluations.write(toFile: directory + "/evaluations.csv", atomically: true, encoding: .utf8)
        let curve = LearningCurve.svg(title: "\(agentName) on \(id), seed \(seed)",
                                      yLabel: "return per episode (mean ± std over \(evaluationEpisodes) evaluation episodes)",
                                      series: [LearningCurve.Series(label: agentName, points: trainer.evaluations.map { (Double($0.step), $0.mean, $0.standardDeviation) })])
        try curve.write(toFile: directory + "/curve.svg", atomically: true, encoding: .utf8)
        try AgentCheckpoint.save(learner, environmentID: id, environment: env, seed: seed, to: directory + "/agent.ckpt", stamp: stamp)
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
