import Gym
import GymJSON

/// A game whose players are all agents, behind the C ABI's `sg_game` functions: every call takes and
/// returns JSON text keyed by agent (Specs/c-abi.md, "Games").
final class GameHandle {
    let game: MultiAgentEnvironment
    let id: String
    /// The Python render modes the game keeps (`renderModes(ofFresh:)` of another instance).
    let renderModes: JSONValue

    init(_ game: MultiAgentEnvironment, id: String, renderModes: JSONValue) {
        self.game = game
        self.id = id
        self.renderModes = renderModes
    }

    var description: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id), "title": .string(game.metadata.title), "description": .string(game.metadata.description),
            "kind": .string(game.metadata.kind), "possible_agents": .array(game.possibleAgents.map { .string($0) }),
            "max_episode_steps": game.metadata.maxEpisodeSteps.map { .number(Double($0)) } ?? .null, "render_modes": renderModes,
        ]
        var observations: [String: JSONValue] = [:], actions: [String: JSONValue] = [:], names: [String: JSONValue] = [:]
        for agent in game.possibleAgents {
            observations[agent] = (try? game.observationSpace(agent))?.json ?? .null
            actions[agent] = (try? game.actionSpace(agent))?.json ?? .null
            names[agent] = game.actionNames(agent).map { .array($0.map { .string($0) }) } ?? .null
        }
        object["observation_spaces"] = .object(observations)
        object["action_spaces"] = .object(actions)
        object["action_names"] = .object(names)
        return .object(object)
    }

    func reset(seed: UInt64?) throws -> JSONValue {
        let (observations, infos) = try game.reset(seed: seed, options: .none)
        return .object(["observations": .object(observations.mapValues(\.json)), "infos": .object(infos.mapValues { .object($0) }),
                        "agents": .array(game.agents.map { .string($0) })])
    }

    /// One step with actions given as a JSON object keyed by agent: a number for a discrete action, a
    /// list for the others.
    func step(_ text: String) throws -> JSONValue {
        guard case .object(let members) = try argumentJSON(text, source: "actions") else {
            throw GymError.invalidArgument("actions must be a JSON object with one action per live agent, got \(text)")
        }
        var actions: [String: Action] = [:]
        for (agent, value) in members { actions[agent] = try action(value, for: agent) }
        let step = try game.step(actions)
        return .object([
            "observations": .object(step.observations.mapValues(\.json)), "rewards": .object(step.rewards.mapValues { .number($0) }),
            "terminations": .object(step.terminated.mapValues { .bool($0) }), "truncations": .object(step.truncated.mapValues { .bool($0) }),
            "infos": .object(step.infos.mapValues { .object($0) }), "agents": .array(game.agents.map { .string($0) }),
        ])
    }

    /// The action `value` stands for in `agent`'s space; a value of the wrong form is the agent's
    /// invalid action. Unknown agents pass through, for `step` to report with the others.
    private func action(_ value: JSONValue, for agent: String) throws -> Action {
        guard let space = try? game.actionSpace(agent) else { return .discrete(0) }
        func invalid(_ reason: String) -> MultiAgentError {
            MultiAgentError.invalidAction(agent: agent, action: .continuous(value.doubleValue.map { [$0] } ?? []), reason: reason, space: space)
        }
        switch (space, value) {
        case (.discrete, .number(let x)):
            guard x == x.rounded(), abs(x) < 9e15 else { throw invalid("\(JSONValue.format(x)) is not an integer") }
            return .discrete(Int(x))
        case (.box, .array(let items)):
            let values = items.compactMap(\.doubleValue)
            guard values.count == items.count else { throw invalid("a Box action is a list of numbers") }
            return .continuous(values)
        case (.multiDiscrete, .array(let items)), (.multiBinary, .array(let items)):
            let values = items.compactMap(\.doubleValue)
            guard values.count == items.count, values.allSatisfy({ $0 == $0.rounded() && abs($0) < 9e15 }) else {
                throw invalid("the action is a list of integers")
            }
            return .integers(values.map { Int($0) })
        default:
            throw invalid("\(value) is not an action of \(space)")
        }
    }
}
