import Dispatch
import Gym

/// An evaluation of the greedy policy on a separately seeded environment copy.
public struct EvaluationRecord {
    public var step: Int
    public var returns: [Double]
    public init(step: Int, returns: [Double]) {
        self.step = step
        self.returns = returns
    }
    public var mean: Double { returns.reduce(0, +) / Double(max(returns.count, 1)) }
    public var standardDeviation: Double {
        let m = mean
        return (returns.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(max(returns.count, 1))).squareRoot()
    }
    /// The standard error of the mean, `standardDeviation / sqrt(n - 1)` (the sample standard deviation
    /// over sqrt(n)); 0 for fewer than two returns.
    public var standardError: Double {
        returns.count < 2 ? 0 : standardDeviation / Double(returns.count - 1).squareRoot()
    }
}

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

/// The shared training loop: steps the environment with the agent's exploring actions, hands every
/// transition to `Agent.learn`, resets at episode ends, and evaluates the greedy policy every
/// `evaluationInterval` steps on a separate environment copy (seeded apart from training).
public final class Trainer {
    public struct Options {
        public var steps: Int
        public var seed: UInt64
        public var evaluationInterval: Int
        public var evaluationEpisodes: Int
        /// Steps per row of the episode log (`EpisodeLog`); by default a fiftieth of the evaluation
        /// interval, so that a run logs 50 rows per evaluation at most, however short its episodes.
        public var logInterval: Int
        /// Asked between steps (every 64 steps of one environment, every step of a vector); when it
        /// answers true, training stops there, before the next step, and `interruptedAt` says where.
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

    /// Trains `agent` on `environment`; `evaluationEnvironment` is a separate copy for evaluations.
    /// - Parameters:
    ///   - resuming: where an earlier run stopped; the agent and the environment must have been restored
    ///     to that moment (`ResumableAgent`, `SnapshottingEnvironment`), and training goes on from there
    ///     exactly as the earlier run would have.
    ///   - checkpoint: called after every evaluation, and when a stop is requested, with where the run
    ///     stands (save the agent's and the environment's state beside it to resume from there).
    public func run(agent: Agent, environment: Environment, evaluationEnvironment: Environment,
                    resuming: TrainerState? = nil, checkpoint: ((TrainerState) throws -> Void)? = nil,
                    progress: ((TrainingProgress) -> Void)? = nil) throws {
        var observation: Observation
        var episodeReturn = 0.0, episodeLength = 0
        var statistics: [String: Double] = [:]
        var first = 1
        if let resuming {
            guard let saved = resuming.observation, resuming.episodeReturns.count == 1, resuming.episodeLengths.count == 1 else {
                throw GymError.invalidArgument("the training state is of a run on \(resuming.episodeReturns.count) environment copies, not one")
            }
            (observation, episodeReturn, episodeLength, statistics) = (saved, resuming.episodeReturns[0], resuming.episodeLengths[0], resuming.statistics)
            (log, evaluations, first, stepsBefore) = (resuming.log, resuming.evaluations, resuming.step + 1, resuming.step)
        } else {
            observation = try environment.reset(seed: options.seed, options: .none).observation
        }
        func state(_ step: Int) -> TrainerState {
            TrainerState(step: step, observation: observation, episodeReturns: [episodeReturn], episodeLengths: [episodeLength],
                         statistics: statistics, log: log, evaluations: evaluations)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        guard first <= options.steps else { return }
        for step in first...options.steps {
            if (step - first) & 63 == 0, let stop = options.stopRequested, stop() {
                interruptedAt = step - 1
                try checkpoint?(state(step - 1))
                return
            }
            let action = agent.act(observation, mode: .explore)
            let result = try environment.step(action)
            let learned = agent.learn(Transition(observation: observation, action: action, reward: result.reward,
                                                 nextObservation: result.observation, terminated: result.terminated, truncated: result.truncated))
            statistics.merge(learned) { $1 }
            episodeReturn += result.reward
            episodeLength += 1
            if result.isLast {
                log.record(step: step, return: episodeReturn, length: episodeLength, statistics: statistics)
                episodeReturn = 0
                episodeLength = 0
                observation = try environment.reset(seed: nil, options: .none).observation
            } else {
                observation = result.observation
            }
            if step % options.evaluationInterval == 0 || step == options.steps {
                try evaluate(agent, at: step, on: evaluationEnvironment, since: start, progress: progress)
                try checkpoint?(state(step))
            }
        }
    }

    /// Trains `agent` on `vector`'s copies, which must reset in same-step mode, `vector.count` steps at a
    /// time (`options.steps` counts the copies' steps together); `evaluationEnvironment` is a separate
    /// environment for evaluations, which happen at the first step count at or past each interval.
    /// - Parameters:
    ///   - resuming: where an earlier run on as many copies stopped; the agent and the vector must have been
    ///     restored to that moment (`ResumableAgent`, `VectorEnvironment.restore`), and training goes on
    ///     from there exactly as the earlier run would have.
    ///   - checkpoint: called after every evaluation, and when a stop is requested, with where the run
    ///     stands (save the agent's state and the vector's snapshot beside it to resume from there).
    /// - Throws: `GymError.invalidArgument` when `vector` does not reset in same-step mode or `resuming` is of
    ///   another number of copies; the vector's errors.
    public func run(agent: VectorAgent, vector: VectorEnvironment, evaluationEnvironment: Environment,
                    resuming: TrainerState? = nil, checkpoint: ((TrainerState) throws -> Void)? = nil,
                    progress: ((TrainingProgress) -> Void)? = nil) throws {
        guard vector.autoresetMode == .sameStep else {
            throw GymError.invalidArgument("training on a vector needs same-step autoreset, got \(vector.autoresetMode.rawValue)")
        }
        let n = vector.count, width = vector.observationSpace.flatDimension
        var returns = [Double](repeating: 0, count: n), lengths = [Int](repeating: 0, count: n)
        var statistics: [String: Double] = [:]
        var step = 0
        if let resuming {
            guard resuming.observation == nil, resuming.episodeReturns.count == n, resuming.episodeLengths.count == n else {
                throw GymError.invalidArgument("the training state is of a run on \(resuming.episodeReturns.count) environment copies, not \(n)")
            }
            (returns, lengths, statistics) = (resuming.episodeReturns, resuming.episodeLengths, resuming.statistics)
            (log, evaluations, step, stepsBefore) = (resuming.log, resuming.evaluations, resuming.step, resuming.step)
        } else {
            try vector.reset(seed: options.seed)
        }
        var observations = vector.observations
        func state() -> TrainerState {
            TrainerState(step: step, observation: nil, episodeReturns: returns, episodeLengths: lengths, statistics: statistics,
                         log: log, evaluations: evaluations)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        // The first multiple of the interval past the steps taken (each evaluation moves it past them).
        var nextEvaluation = (step / options.evaluationInterval + 1) * options.evaluationInterval
        while step < options.steps {
            if let stop = options.stopRequested, stop() {
                interruptedAt = step
                try checkpoint?(state())
                return
            }
            let actions = agent.act(rows: observations, count: n)
            try vector.step(actions)
            let next = vector.observations
            var finalRows = next
            let rewards = vector.rewards, terminated = vector.terminated, truncated = vector.truncated
            for i in 0..<n where terminated[i] || truncated[i] {
                for k in 0..<width { finalRows[i * width + k] = vector.finalObservationRows[i * width + k] }
            }
            statistics.merge(agent.learn(VectorTransition(observations: observations, actions: actions, rewards: rewards,
                                                          nextObservations: finalRows, terminated: terminated, truncated: truncated))) { $1 }
            for i in 0..<n {
                returns[i] += rewards[i]
                lengths[i] += 1
                if terminated[i] || truncated[i] {
                    log.record(step: step + i + 1, return: returns[i], length: lengths[i], statistics: statistics)
                    (returns[i], lengths[i]) = (0, 0)
                }
            }
            step += n
            observations = next
            if step >= nextEvaluation || step >= options.steps {
                try evaluate(agent, at: min(step, options.steps), on: evaluationEnvironment, since: start, progress: progress)
                while nextEvaluation <= step { nextEvaluation += options.evaluationInterval }
                try checkpoint?(state())
            }
        }
    }

    /// Evaluates `agent` at training step `step`, records it, and reports progress.
    private func evaluate(_ agent: Agent, at step: Int, on environment: Environment, since start: UInt64,
                          progress: ((TrainingProgress) -> Void)?) throws {
        let returns = try Trainer.evaluate(agent, on: environment, episodes: options.evaluationEpisodes,
                                           seed: options.seed &+ 1_000_003 &* UInt64(evaluations.count + 1))
        evaluations.append(EvaluationRecord(step: step, returns: returns))
        guard let progress else { return }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        progress(TrainingProgress(step: step, totalSteps: options.steps, episodes: log.episodeCount, recentMeanReturn: log.recentMeanReturn,
                                  stepsPerSecond: Double(step - stepsBefore) / max(seconds, 1e-9), lastEvaluation: evaluations.last))
    }

    /// The returns of `episodes` episodes, the first reset with `seed`, acting greedily (or, with
    /// `mode: .explore`, as the agent does in training: sampling a stochastic policy).
    /// Episodes longer than 100,000 steps are cut there (for environments without a time limit).
    public static func evaluate(_ agent: Agent, on env: Environment, episodes: Int, seed: UInt64, mode: ActMode = .greedy) throws -> [Double] {
        try evaluate(agent, on: env, episodes: episodes, seed: seed, mode: mode, discount: 1).returns
    }

    /// The same episodes as `evaluate`, with each one's return and its discounted return
    /// `r_0 + discount * r_1 + discount^2 * r_2 + ...`, the quantity an agent trained with that discount maximises.
    public static func evaluate(_ agent: Agent, on env: Environment, episodes: Int, seed: UInt64, mode: ActMode = .greedy,
                                discount: Double) throws -> (returns: [Double], discounted: [Double]) {
        var returns: [Double] = [], discounted: [Double] = []
        for e in 0..<episodes {
            var (observation, _) = try env.reset(seed: e == 0 ? seed : nil, options: .none)
            var total = 0.0, discountedTotal = 0.0, weight = 1.0
            for _ in 0..<100_000 {
                let step = try env.step(agent.act(observation, mode: mode))
                total += step.reward
                discountedTotal += weight * step.reward
                weight *= discount
                if step.isLast { break }
                observation = step.observation
            }
            returns.append(total)
            discounted.append(discountedTotal)
        }
        return (returns, discounted)
    }
}
