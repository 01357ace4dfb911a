/// The result of one `MultiAgentEnvironment.step`: one entry per agent that was live before the step.
public struct MultiAgentStep: Sendable, Equatable {
    public var observations: [String: Observation]
    public var rewards: [String: Double]
    /// The agent reached a terminal state of its own.
    public var terminated: [String: Bool]
    /// The agent's episode was cut short from outside (a round limit).
    public var truncated: [String: Bool]
    public var infos: [String: Info]

    public init(observations: [String: Observation], rewards: [String: Double], terminated: [String: Bool],
                truncated: [String: Bool], infos: [String: Info]) {
        self.observations = observations
        self.rewards = rewards
        self.terminated = terminated
        self.truncated = truncated
        self.infos = infos
    }

    /// Every agent's episode is over.
    public var isLast: Bool { terminated.keys.allSatisfy { terminated[$0]! || truncated[$0] ?? false } }
}

/// An environment in which several agents act at once each step (PettingZoo's parallel API).
///
/// Call order is that of `Environment`: `reset`, then `step` until every agent is done, then `reset`.
/// A caller may rely on:
/// - `possibleAgents` never changes, and `agents` (the live agents, in `possibleAgents` order) is
///   always a subset of it; after `reset` every possible agent is live;
/// - after a step, `agents` is the previous live set minus the agents that step terminated or
///   truncated; an agent never comes back within an episode;
/// - `observationSpace(_:)` and `actionSpace(_:)` return the same space for an agent on every call;
/// - every result dictionary of `step` has exactly one entry per agent live before the step;
/// - `step` takes exactly one action per live agent. A missing, extra or invalid action throws a
///   ``MultiAgentError`` naming the agent, and nothing moves;
/// - the same seed and the same actions give a bit-identical trajectory.
///
/// ```swift
/// let game = try makeGame()                     // a MultiAgentEnvironment
/// var rng = RandomSource(seed: 1)
/// _ = try game.reset(seed: 42, options: .none)
/// while !game.agents.isEmpty {
///     var actions: [String: Action] = [:]
///     for agent in game.agents { actions[agent] = try game.actionSpace(agent).sampleAction(using: &rng) }
///     let step = try game.step(actions)         // step.rewards["player_0"], ...
/// }
/// ```
public protocol MultiAgentEnvironment: AnyObject {
    /// Every agent that can take part, in a fixed order.
    var possibleAgents: [String] { get }
    /// The agents still in the episode, in `possibleAgents` order; empty before the first reset and
    /// once the episode is over.
    var agents: [String] { get }
    /// Static facts: id, documentation, round limit. `actionNames` is nil (the agents' actions are per agent).
    var metadata: EnvironmentMetadata { get }
    /// - Throws: ``MultiAgentError/unknownAgent(agent:known:)`` for a name not in `possibleAgents`.
    func observationSpace(_ agent: String) throws -> Space
    /// - Throws: ``MultiAgentError/unknownAgent(agent:known:)`` for a name not in `possibleAgents`.
    func actionSpace(_ agent: String) throws -> Space
    /// Action names of a discrete-action agent, in index order, when it has them.
    func actionNames(_ agent: String) -> [String]?

    /// Starts an episode: every possible agent becomes live. `seed` works as in `Environment.reset`.
    @discardableResult
    func reset(seed: UInt64?, options: ResetOptions) throws -> (observations: [String: Observation], infos: [String: Info])

    /// One simultaneous move of every live agent.
    /// - Throws: ``MultiAgentError`` for a missing, unknown, finished or invalid action;
    ///   `GymError.resetNeeded` before the first reset and `GymError.episodeEnded` after the last step.
    func step(_ actions: [String: Action]) throws -> MultiAgentStep

    /// A text picture of the current state, or nil.
    func render() -> String?
    /// A drawing of the current state, or nil where there is none; it changes nothing.
    func picture() -> Picture?
}

extension MultiAgentEnvironment {
    public func render() -> String? { nil }
    public func picture() -> Picture? { nil }
    public func actionNames(_ agent: String) -> [String]? { nil }

    @discardableResult
    public func reset(seed: UInt64? = nil) throws -> (observations: [String: Observation], infos: [String: Info]) {
        try reset(seed: seed, options: .none)
    }

    /// Throws the first ``MultiAgentError`` for `actions` against the live agents, in the order: an
    /// action for an agent that is unknown or already done, a live agent without an action, an action
    /// outside an agent's space (agents in `possibleAgents` order).
    public func checkActions(_ actions: [String: Action]) throws {
        for name in actions.keys.sorted() where !agents.contains(name) {
            if possibleAgents.contains(name) { throw MultiAgentError.finishedAgent(agent: name) }
            throw MultiAgentError.unknownAgent(agent: name, known: possibleAgents)
        }
        for agent in agents {
            guard let action = actions[agent] else { throw MultiAgentError.missingAction(agent: agent, live: agents) }
            let space = try actionSpace(agent)
            if let reason = space.rejection(of: action) {
                throw MultiAgentError.invalidAction(agent: agent, action: action, reason: reason, space: space)
            }
        }
    }
}
