/// A multi-agent environment seen by one learner: the other agents follow fixed policies, and the
/// learner steps an ordinary `Environment`.
///
/// Each step asks every other live agent's policy for its action on that agent's latest observation,
/// steps the game with those and the learner's action, and returns the learner's observation,
/// reward and flags. `info["actions"]` gives every other agent's action (its name, where the
/// agent's actions have names). Policies are seeded from the
/// reset seed (`seed + 1 + k` for the `k`-th other agent), so a seed fixes the whole episode.
///
/// ```swift
/// let env = try SingleLearnerEnvironment(game, learner: "row", others: ["column": columnPolicy])
/// let (observation, _) = try env.reset(seed: 1)
/// let step = try env.step(.discrete(0))      // the column policy moved too
/// ```
public final class SingleLearnerEnvironment: Environment {
    public let game: MultiAgentEnvironment
    public let learner: String
    public let policies: [String: FixedPolicy]
    public let observationSpace: Space
    public let actionSpace: Space
    public let metadata: EnvironmentMetadata
    private var observations: [String: Observation] = [:]
    private var phase = EpisodePhase.needsReset

    /// - Throws: `GymError.invalidArgument` unless `learner` is a possible agent and `others` gives a
    ///   policy for exactly the other agents.
    public init(_ game: MultiAgentEnvironment, learner: String, others: [String: FixedPolicy]) throws {
        guard game.possibleAgents.contains(learner) else {
            throw GymError.invalidArgument("unknown learner '\(learner)'; the agents are \(game.possibleAgents.joined(separator: ", "))")
        }
        let rest = game.possibleAgents.filter { $0 != learner }
        for name in rest where others[name] == nil { throw GymError.invalidArgument("no policy for agent '\(name)'") }
        for name in others.keys.sorted() where !rest.contains(name) {
            throw GymError.invalidArgument("a policy for '\(name)', which is not one of the other agents (\(rest.joined(separator: ", ")))")
        }
        self.game = game
        self.learner = learner
        policies = others
        observationSpace = try game.observationSpace(learner)
        actionSpace = try game.actionSpace(learner)
        var metadata = game.metadata
        metadata.actionNames = game.actionNames(learner)
        metadata.title = "\(game.metadata.title) (as \(learner))"
        self.metadata = metadata
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let (observations, infos) = try game.reset(seed: seed, options: options)
        for (k, name) in game.possibleAgents.filter({ $0 != learner }).enumerated() {
            policies[name]!.start(seed: seed.map { $0 &+ 1 &+ UInt64(k) })
        }
        self.observations = observations
        phase = .running
        return (observations[learner]!, infos[learner] ?? [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(metadata.id ?? "game")
        return observations[learner]!
    }

    public func step(_ action: Action) throws -> Step {
        try phase.checkStep(metadata.id ?? "game")
        try actionSpace.validate(action)
        var actions: [String: Action] = [learner: action]
        for name in game.agents where name != learner { actions[name] = policies[name]!.act(observations[name]!) }
        let step = try game.step(actions)
        for policy in policies.values { policy.record(actions) }
        for (name, observation) in step.observations { observations[name] = observation }
        let terminated = step.terminated[learner]!, truncated = step.truncated[learner]!
        if terminated || truncated { phase = .ended }
        var info = step.infos[learner] ?? [:]
        var others: [String: JSONValue] = [:]
        for (name, action) in actions where name != learner {
            if let names = game.actionNames(name), let i = action.index { others[name] = .string(names[i]) } else { others[name] = action.json }
        }
        info["actions"] = .object(others)
        return Step(observation: step.observations[learner]!, reward: step.rewards[learner]!, terminated: terminated,
                    truncated: truncated, info: info)
    }

    public func render() -> String? { game.render() }
    public func picture() -> Picture? { game.picture() }
}
