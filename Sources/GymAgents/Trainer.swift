import Dispatch
import Gym

/// What a progress callback sees.
public struct TrainingProgress {
    public var step: Int
    public var totalSteps: Int
    public var episodes: Int
    /// The mean return of at least the last 20 episodes, in whole rows of the episode log (`EpisodeLog.recentMeanReturn`).
    public var recentMeanReturn: Double?
    public var stepsPerSecond: Double
    public var lastEvaluation: EvaluationRecord?
}

/// The training loop: steps a vector of environment copies (one copy for a single environment) with the
/// agent's exploring actions, hands every step to the agent's batched `learn`, and evaluates the greedy
/// policy at the first step count at or past each `evaluationInterval` on a separate environment
/// (seeded apart from training; `Trainer.evaluate`).
///
/// Agents that train on vectors (`VectorAgent`) act and learn on rows; any other agent trains on one copy
/// through `act(_:mode:)` and `learn(_: Transition)`, each observation exactly as its environment gives it.
///
/// ```swift
/// let trainer = Trainer(options: Trainer.Options(steps: 10_000, seed: 0))
/// try trainer.run(agent: agent, environment: env, evaluationEnvironment: evaluationEnv)
/// trainer.evaluations.last!.mean
/// ```
public final class Trainer {
    public struct Options {
        public var steps: Int
        public var seed: UInt64
        public var evaluationInterval: Int
        public var evaluationEpisodes: Int
        /// Steps per row of the episode log (`EpisodeLog`); by default a fiftieth of the evaluation
        /// interval, so that a run logs 50 rows per evaluation at most, however short its episodes.
        public var logInterval: Int
        /// Asked before every step of the vector (every copy's step at once); when it answers true,
        /// training stops there, before the next step, and `interruptedAt` says where.
        public var stopRequested: (() -> Bool)?

        public init(steps: Int, seed: UInt64 = 0, evaluationInterval: Int? = nil, evaluationEpisodes: Int = 5, logInterval: Int? = nil,
                    stopRequested: (() -> Bool)? = nil) {
            self.steps = steps
            self.seed = seed
            self.evaluationInterval = evaluationInterval ?? max(steps / 20, 1)
            self.evaluationEpisodes = evaluationEpisodes
            self.logInterval = max(logInterval ?? self.evaluationInterval / 50, 1)
            self.stopRequested = stopRequested
        }
    }

    public let options: Options
    /// The finished training episodes, a row per `options.logInterval` steps.
    public private(set) var log: EpisodeLog
    public private(set) var evaluations: [EvaluationRecord] = []
    /// The steps taken when `Options.stopRequested` stopped training; nil for a run that finished.
    public private(set) var interruptedAt: Int?
    /// The steps taken before this process began training (a resumed run's), for the progress rate.
    private var stepsBefore = 0

    public init(options: Options) {
        self.options = options
        log = EpisodeLog(interval: options.logInterval)
    }

    /// Trains `agent` on `environment`, a vector of one copy of it (`VectorEnvironment(count: 1)`, which
    /// steps a fresh batch of a `BatchSteppable` environment, else `environment` itself); `evaluationEnvironment`
    /// is a separate copy for evaluations. To resume a run, make the vector yourself and use `run(agent:vector:...)`.
    /// - Throws: as `run(agent:vector:...)`.
    public func run(agent: Agent, environment: Environment, evaluationEnvironment: Environment,
                    progress: ((TrainingProgress) -> Void)? = nil) throws {
        let vector = try VectorEnvironment(count: 1, autoresetMode: .sameStep, threads: 1) { environment }
        try run(agent: agent, vector: vector, evaluationEnvironment: evaluationEnvironment, progress: progress)
    }

    /// Trains `agent` on `vector`'s copies, which must reset in same-step mode, `vector.count` steps at a
    /// time (`options.steps` counts the copies' steps together); `evaluationEnvironment` is a separate
    /// environment for evaluations, which happen at the first step count at or past each interval.
    /// An agent that is not a `VectorAgent` trains on a vector of one copy.
    /// - Parameters:
    ///   - resuming: where an earlier run on as many copies stopped; the agent and the vector must have been
    ///     restored to that moment (`ResumableAgent`, `VectorEnvironment.restore`), and training goes on
    ///     from there exactly as the earlier run would have.
    ///   - checkpoint: called after every evaluation, and when a stop is requested, with where the run
    ///     stands (save the agent's state and the vector's snapshot beside it to resume from there).
    /// - Throws: `GymError.invalidArgument` when `vector` does not reset in same-step mode, has several copies
    ///   for an agent that is not a `VectorAgent`, or `resuming` is of another number of copies or of a single
    ///   environment (an earlier version's state); the vector's errors.
    public func run(agent: Agent, vector: VectorEnvironment, evaluationEnvironment: Environment,
                    resuming: TrainerState? = nil, checkpoint: ((TrainerState) throws -> Void)? = nil,
                    progress: ((TrainingProgress) -> Void)? = nil) throws {
        guard vector.autoresetMode == .sameStep else {
            throw GymError.invalidArgument("training on a vector needs same-step autoreset, got \(vector.autoresetMode.rawValue)")
        }
        let learner = try (agent as? VectorAgent) ?? SingleCopyAgent(agent, on: vector)
        var run = try start(on: vector, resuming: resuming)
        let start = DispatchTime.now().uptimeNanoseconds
        let n = vector.count, width = vector.observationSpace.flatDimension
        var observations = Array(vector.observationBuffer), next = observations
        var actions = ActionRows(count: n, space: vector.actionSpace)
        var rewards = [Double](repeating: 0, count: n), terminated = [Bool](repeating: false, count: n), truncated = terminated
        // The first multiple of the interval past the steps taken (each evaluation moves it past them).
        var nextEvaluation = (run.step / options.evaluationInterval + 1) * options.evaluationInterval
        while run.step < options.steps {
            if let stop = options.stopRequested, stop() {
                interruptedAt = run.step
                try checkpoint?(state(run))
                return
            }
            learner.act(rows: observations, count: n, into: &actions)
            try actions.step(vector)
            Trainer.read(vector, width: width, into: &next, &rewards, &terminated, &truncated)
            run.statistics.merge(learner.learn(VectorTransition(observations: observations, actions: actions, rewards: rewards,
                                                                nextObservations: next, terminated: terminated, truncated: truncated))) { $1 }
            record(&run, rewards: rewards, ended: { terminated[$0] || truncated[$0] })
            observations.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: vector.observationBuffer) }
            if run.step >= nextEvaluation || run.step >= options.steps {
                try evaluate(agent, at: min(run.step, options.steps), on: evaluationEnvironment, since: start, progress: progress)
                while nextEvaluation <= run.step { nextEvaluation += options.evaluationInterval }
                try checkpoint?(state(run))
            }
        }
    }

    /// Where the loop stands: steps taken, each copy's episode so far and the latest statistics.
    private struct Position {
        var step: Int
        var returns: [Double]
        var lengths: [Int]
        var statistics: [String: Double]
    }

    /// A fresh run's position after resetting the vector with the run's seed, or the resumed one's.
    private func start(on vector: VectorEnvironment, resuming: TrainerState?) throws -> Position {
        let n = vector.count
        guard let resuming else {
            try vector.reset(seed: options.seed)
            return Position(step: 0, returns: Array(repeating: 0, count: n), lengths: Array(repeating: 0, count: n), statistics: [:])
        }
        guard resuming.observation == nil else {
            throw GymError.invalidArgument("the training state is of a run on one environment by an earlier version, which kept its "
                + "observation apart from the environment's state; this version trains every run on a vector and cannot resume it")
        }
        guard resuming.episodeReturns.count == n, resuming.episodeLengths.count == n else {
            throw GymError.invalidArgument("the training state is of a run on \(resuming.episodeReturns.count) environment copies, not \(n)")
        }
        (log, evaluations, stepsBefore) = (resuming.log, resuming.evaluations, resuming.step)
        return Position(step: resuming.step, returns: resuming.episodeReturns, lengths: resuming.episodeLengths, statistics: resuming.statistics)
    }

    private func state(_ run: Position) -> TrainerState {
        TrainerState(step: run.step, observation: nil, episodeReturns: run.returns, episodeLengths: run.lengths, statistics: run.statistics,
                     log: log, evaluations: evaluations)
    }

    /// The vector's last step, read in place into the loop's arrays: next observations (a copy whose episode
    /// ended gets its final observation, not the reset one the vector went on from), rewards and flags.
    private static func read(_ vector: VectorEnvironment, width: Int, into next: inout [Float], _ rewards: inout [Double],
                             _ terminated: inout [Bool], _ truncated: inout [Bool]) {
        next.withUnsafeMutableBufferPointer { rows in
            _ = rows.update(fromContentsOf: vector.observationBuffer)
            for i in 0..<vector.count where vector.terminatedBuffer[i] || vector.truncatedBuffer[i] {
                for k in (i * width)..<((i + 1) * width) { rows[k] = vector.finalObservationRows[k] }
            }
        }
        rewards.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: vector.rewardBuffer) }
        terminated.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: vector.terminatedBuffer) }
        truncated.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: vector.truncatedBuffer) }
    }

    /// Counts one step of every copy, logging the episodes that ended (copy `i`'s at step `step + i + 1`).
    private func record(_ run: inout Position, rewards: [Double], ended: (Int) -> Bool) {
        for i in 0..<rewards.count {
            run.returns[i] += rewards[i]
            run.lengths[i] += 1
            if ended(i) {
                log.record(step: run.step + i + 1, return: run.returns[i], length: run.lengths[i], statistics: run.statistics)
                (run.returns[i], run.lengths[i]) = (0, 0)
            }
        }
        run.step += rewards.count
    }

    /// Evaluates `agent` at training step `step`, records it, and reports progress.
    private func evaluate(_ agent: Agent, at step: Int, on environment: Environment, since start: UInt64,
                          progress: ((TrainingProgress) -> Void)?) throws {
        let returns = try Trainer.evaluate(agent, on: environment, episodes: options.evaluationEpisodes,
                                           seed: Trainer.evaluationSeed(options.seed, after: evaluations.count))
        evaluations.append(EvaluationRecord(step: step, returns: returns))
        guard let progress else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        progress(TrainingProgress(step: step, totalSteps: options.steps, episodes: log.episodeCount, recentMeanReturn: log.recentMeanReturn,
                                  stepsPerSecond: Double(step - stepsBefore) / max(seconds, 1e-9), lastEvaluation: evaluations.last))
    }
}
