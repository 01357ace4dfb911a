import Foundation
import Gym
import GymAgents
import GymGames
import GymJSON
import GymNN

/// Every player of a game learning at once (`gym train GAME --self-play NAME` or `--agents A,B,...`).
///
/// Game learners (fictitious play, regret matching, Hedge...) learn on the exact matrix, one
/// iteration per step (sampled: from played rounds). Agents (PPO, DQN, Q-learning...) learn
/// independently, one agent per player, from the rounds of the multi-agent environment. Either way,
/// exploitability is computed exactly on the matrix every evaluation interval, for the current and
/// the time-averaged policy, into DIR/exploitability.csv and DIR/curve.svg; DIR/agent.ckpt holds the
/// policies, DIR/run.json the run (`SelfPlayRunRecord`). A run stopped by its `stopRequested` hook is
/// marked "interrupted" and resumes (`init(resuming:)`) to end exactly as the uninterrupted run would have.
///
/// ```swift
/// let game = try ResolvedEnvironment(id: "rock-paper-scissors-v2")
/// let run = SelfPlayRun(resolved: game, learners: ["regret-matching"], seed: 0, steps: 10_000,
///                       evaluationInterval: 500, directory: "runs/rps")
/// let outcome = try run.start()
/// print(outcome.points.last!.average)   // the average policy's exploitability
/// ```
public struct SelfPlayRun {
    public let resolved: ResolvedEnvironment
    /// A game learner's name, or one agent name per player.
    public let learners: [String]
    public let seed: UInt64
    public let steps: Int
    public let settings: [String: String]
    public let sampled: Bool
    public let evaluationInterval: Int
    public let directory: String
    /// Where a resumed run of a game learner goes on from: the iterations done, the learning's state and
    /// the exploitability recorded so far.
    var resumed: (iterations: Int, state: [Double], points: [Point])? = nil
    /// Where a resumed run of agents goes on from: its resume.ckpt (`SelfPlayRun+Resume`).
    var resumedAgents: Checkpoint? = nil

    /// A fresh run; `learners` is one game learner, one agent for every player, or one agent per player.
    public init(resolved: ResolvedEnvironment, learners: [String], seed: UInt64, steps: Int, settings: [String: String] = [:],
                sampled: Bool = false, evaluationInterval: Int, directory: String) {
        self.resolved = resolved
        self.learners = learners
        self.seed = seed
        self.steps = steps
        self.settings = settings
        self.sampled = sampled
        self.evaluationInterval = evaluationInterval
        self.directory = directory
    }

    /// The exploitability of the average and of the current policy at a step.
    public struct Point: Equatable {
        public var step: Int
        public var average: Double
        public var current: Double
    }

    /// Whether the run is of one game learner (else of agents, one per player).
    public var isGameLearner: Bool { learners.count == 1 && GameLearnerKind(rawValue: learners[0]) != nil }

    /// Learns and writes the run's files.
    /// - Parameters:
    ///   - stopRequested: asked before every step; true stops the run there, with its files written and
    ///     run.json marked "interrupted".
    ///   - started: called once before the first step, with the step a resumed run goes on from (nil for a fresh run).
    ///   - progress: called at every evaluation with its point.
    /// - Throws: `GymError.invalidArgument` for a game without a normal form, settings a learner does not
    ///   take, or agents that do not fit the game; the errors of writing the files.
    @discardableResult
    public func start(stopRequested: (() -> Bool)? = nil, started: ((_ resumedAtStep: Int?) -> Void)? = nil,
                      progress: ((Point) -> Void)? = nil) throws -> SelfPlayRunOutcome {
        let game = try resolved.normalForm()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let start = Date()
        started?(resumed?.iterations ?? (try? resumedAgents.map { try SelfPlayRun.resumedStep($0) }) ?? nil)
        try writeRun(status: .running, game: game, points: [], final: nil, seconds: 0, resumable: isGameLearner)
        let stop = stopRequested ?? { false }, report = progress ?? { _ in }
        let points: [Point]
        let final: (average: StrategyProfile, current: StrategyProfile)
        var stoppedAt: Int?
        var resumable = isGameLearner
        if let kind = GameLearnerKind(rawValue: learners[0]), learners.count == 1 {
            (points, final, stoppedAt) = try learn(kind, game, progress: report, stop: stop)
        } else {
            (points, final, stoppedAt, resumable) = try playAgents(game, progress: report, stop: stop)
        }
        let seconds = Date().timeIntervalSince(start)
        let curve = try writeCurve(points)
        let run = try writeRun(status: stoppedAt == nil ? .finished : .interrupted, game: game, points: points, final: final, seconds: seconds,
                               resumable: resumable)
        try writeReport(game: game, curve: curve, points: points, final: final, seconds: seconds)
        return SelfPlayRunOutcome(record: run, interruptedAt: stoppedAt, points: points, game: game, average: final.average,
                                  current: final.current, seconds: seconds, resumable: resumable)
    }

    /// run.json: what the run is (enough for `--resume`), its status and, once there are any, its results.
    @discardableResult
    func writeRun(status: RunStatus, game: NormalFormGame, points: [Point], final: (average: StrategyProfile, current: StrategyProfile)?,
                  seconds: Double, resumable: Bool) throws -> SelfPlayRunRecord {
        func policy(_ profile: StrategyProfile) -> [String: [Double]] {
            Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], profile[$0]) })
        }
        let record = SelfPlayRunRecord(
            environment: resolved.id, learners: learners, steps: steps, seed: seed, sampled: sampled, seconds: seconds, status: status,
            evalEvery: evaluationInterval, resumable: resumable,
            environmentFile: FileManager.default.fileExists(atPath: resolved.spec.source)
                ? URL(fileURLWithPath: resolved.spec.source).standardizedFileURL.path : nil,
            exploitability: points.last?.average, exploitabilityCurrent: points.last?.current,
            averagePolicy: final.map { policy($0.average) }, currentPolicy: final.map { policy($0.current) },
            settings: settings.isEmpty ? nil : settings)
        try record.write(to: directory)
        return record
    }

    /// Game learners on the matrix; stops early (returning the step) when `stop` says so.
    private func learn(_ kind: GameLearnerKind, _ game: NormalFormGame, progress report: (Point) -> Void, stop: () -> Bool) throws
        -> ([Point], (average: StrategyProfile, current: StrategyProfile), Int?) {
        let rate = try settings["learning_rate"].map { text -> Double in
            guard let x = Double(text), x > 0, x.isFinite else { throw GymError.invalidArgument("learning_rate must be a positive number, got '\(text)'") }
            return x
        } ?? GameLearnerKind.defaultLearningRate
        for key in settings.keys.sorted() where !["learning_rate", "start"].contains(key) {
            throw GymError.invalidArgument("game learners have two settings, learning_rate (Hedge's step size) and start; unknown setting '\(key)'")
        }
        let initial: StrategyProfile?
        switch settings["start"] ?? "default" {
        case "default": initial = nil
        case "uniform": initial = .uniform(game)
        case "random": initial = GameLearning.randomProfile(game, seed: seed)
        case let other: throw GymError.invalidArgument("start must be default (the learner's own), uniform or random (drawn from the seed), got '\(other)'")
        }
        var learning = GameLearning(game: game, kind: kind, sampled: sampled, seed: seed, learningRate: rate, initial: initial)
        var points: [Point] = []
        if let resumed {
            try learning.restore(state: resumed.state)
            points = resumed.points
        }
        func save() throws {
            try GameCheckpoint.save(average: learning.average, current: learning.current, game: game, environmentID: resolved.id,
                                    learner: kind.rawValue, seed: seed, iterations: learning.iterations, learningState: learning.state,
                                    to: directory + "/agent.ckpt")
        }
        while learning.iterations < steps {
            if stop() {
                try save()
                try writeCurve(points)
                return (points, (learning.average, learning.current), learning.iterations)
            }
            learning.iterate()
            let t = learning.iterations
            if t % evaluationInterval == 0 || t == steps {
                let point = Point(step: t, average: game.exploitability(learning.average), current: game.exploitability(learning.current))
                points.append(point)
                report(point)
                try save()
                try writeCurve(points)
            }
        }
        return (points, (learning.average, learning.current), nil)
    }

    /// Independent agents, one per player, in the multi-agent environment; stops early (returning the
    /// step) when `stop` says so. Also says whether the run can be resumed (every agent `ResumableAgent`).
    private func playAgents(_ game: NormalFormGame, progress report: (Point) -> Void, stop: () -> Bool) throws
        -> ([Point], (average: StrategyProfile, current: StrategyProfile), Int?, Bool) {
        guard !sampled else { throw GymError.invalidArgument("--sampled is for game learners; agents always learn from played rounds") }
        let env = try resolved.makeGame()
        let names = learners.count == 1 ? Array(repeating: learners[0], count: game.playerCount) : learners
        guard names.count == game.playerCount else {
            throw GymError.invalidArgument("--agents names \(names.count) agents, but \(resolved.id) has \(game.playerCount) players (\(game.players.joined(separator: ", ")))")
        }
        let seats = try game.players.map { try PlayerSeat(env, player: $0) }
        let agents = try names.indices.map { p in
            try AgentRegistry.make(names[p], context: AgentContext(environment: seats[p], seed: seed &+ UInt64(p), totalSteps: steps,
                                                                    settings: Settings(settings)))
        }
        if let vector = agents.first(where: { ($0 as? VectorAgent).map { $0.environmentCount > 1 } ?? false }) {
            throw GymError.invalidArgument("self-play steps one game, so every agent trains on one copy; \(vector.name) was set to num_envs=\((vector as! VectorAgent).environmentCount)")
        }
        let resumable = env is SnapshottingMultiAgentEnvironment && agents.allSatisfy { $0 is ResumableAgent }
        try writeRun(status: .running, game: game, points: [], final: nil, seconds: 0, resumable: resumable)
        var loop: AgentSelfPlayLoop
        if let saved = resumedAgents {
            loop = try restore(agents, env, game, from: saved)
        } else {
            loop = AgentSelfPlayLoop(game: game, observations: try env.reset(seed: seed, options: .none).observations)
        }
        func average() -> StrategyProfile { StrategyProfile(loop.averageSums.map { $0.map { $0 / Double(max(loop.pointCount, 1)) } }) }
        while loop.step < steps {
            if stop() {
                if resumable { try writeResume(agents, env, loop) }
                return (loop.points, (average(), loop.current), loop.step, resumable)
            }
            loop.step += 1
            let t = loop.step
            var actions: [String: Action] = [:]
            for (p, player) in game.players.enumerated() {
                let observation = loop.observations[player]!
                actions[player] = agents[p].act(observation, mode: .explore)
                // The policy the agent would play now: its probabilities, else its greedy action.
                let policy = agents[p].actionProbabilities(observation)
                    ?? oneHot(agents[p].act(observation, mode: .greedy).index!, game.actionCounts[p])
                for a in policy.indices { loop.windowSums[p][a] += policy[a] }
            }
            let step = try env.step(actions)
            for (p, player) in game.players.enumerated() {
                _ = agents[p].learn(Transition(observation: loop.observations[player]!, action: actions[player]!, reward: step.rewards[player]!,
                                               nextObservation: step.observations[player]!, terminated: step.terminated[player]!,
                                               truncated: step.truncated[player]!))
            }
            loop.observations = env.agents.isEmpty ? try env.reset(seed: nil, options: .none).observations : step.observations
            if t % evaluationInterval == 0 || t == steps {
                // Normalised per player: single-precision probabilities do not sum to 1 exactly.
                loop.current = StrategyProfile(loop.windowSums.map { sums in let total = sums.reduce(0, +); return sums.map { $0 / total } })
                loop.pointCount += 1
                for p in loop.averageSums.indices { for a in loop.averageSums[p].indices { loop.averageSums[p][a] += loop.current[p][a] } }
                let point = Point(step: t, average: game.exploitability(average()), current: game.exploitability(loop.current))
                loop.points.append(point)
                report(point)
                loop.windowSums = game.actionCounts.map { [Double](repeating: 0, count: $0) }
                try GameCheckpoint.save(average: average(), current: loop.current, game: game, environmentID: resolved.id,
                                        learner: names.joined(separator: ","), seed: seed, iterations: t, learningState: nil, to: directory + "/agent.ckpt")
                for p in agents.indices {
                    try AgentCheckpoint.save(agents[p], environmentID: resolved.id, environment: seats[p], seed: seed &+ UInt64(p),
                                             to: directory + "/agent-\(game.players[p]).ckpt")
                }
                if resumable { try writeResume(agents, env, loop) }
            }
        }
        return (loop.points, (average(), loop.current), nil, resumable)
    }

    private func oneHot(_ i: Int, _ n: Int) -> [Double] { (0..<n).map { $0 == i ? 1 : 0 } }

    @discardableResult
    func writeCurve(_ points: [Point]) throws -> String {
        var csv = "step,exploitability,exploitability_current\n"
        for p in points { csv += "\(p.step),\(p.average),\(p.current)\n" }
        try csv.write(toFile: directory + "/exploitability.csv", atomically: true, encoding: .utf8)
        let svg = LearningCurve.svg(title: "\(learners.joined(separator: ",")) self-play on \(resolved.id)", xLabel: "steps", yLabel: "exploitability",
                                    series: [
                                        .init(label: "average policy", points: points.map { (Double($0.step), $0.average, 0) }),
                                        .init(label: "current policy", points: points.map { (Double($0.step), $0.current, 0) }),
                                    ])
        try svg.write(toFile: directory + "/curve.svg", atomically: true, encoding: .utf8)
        return svg
    }
}
