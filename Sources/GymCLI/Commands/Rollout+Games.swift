import Foundation
import Gym
import GymRuns

/// `gym rollout GAME`: one episode of a game whose players are all agents, every player acting at
/// random from a generator seeded by --seed (agents' checkpoints and given actions are for one agent).
extension Rollout {
    func rolloutGame(_ resolved: ResolvedEnvironment) throws {
        guard actions == nil, checkpoint == nil, initialState == nil else {
            throw GymError.invalidArgument("\(resolved.id) is a game whose players are all agents: gym rollout plays it with every player at random "
                + "(--actions, --checkpoint and --initial-state are for one agent)")
        }
        let game = try resolved.makeGame()
        var rng = RandomSource(seed: seedOption.agentSeed)
        _ = try game.reset(seed: seedOption.seed, options: .none)
        var film = try svg.map { _ in try EpisodeFilm(first: game.picture(), environment: resolved.id) }
        var totals = Dictionary(uniqueKeysWithValues: game.possibleAgents.map { ($0, 0.0) })
        var round = 0
        while !game.agents.isEmpty && round < (steps ?? Int.max) {
            var moves: [String: Action] = [:]
            for agent in game.agents { moves[agent] = try game.actionSpace(agent).sampleAction(using: &rng) }
            let step = try game.step(moves)
            round += 1
            for (agent, reward) in step.rewards { totals[agent]! += reward }
            let names = game.possibleAgents.compactMap { a in moves[a].map { game.actionNames(a)?[$0.index ?? 0] ?? $0.description } }
            film?.record(game.picture(), action: names.joined(separator: ", "), reward: step.rewards[game.possibleAgents[0]] ?? 0)
            if jsonl {
                print(JSONValue.object([
                    "round": .number(Double(round)), "actions": .object(moves.mapValues(\.json)),
                    "rewards": .object(step.rewards.mapValues { .number($0) }),
                    "truncated": .bool(step.truncated.values.contains(true)), "terminated": .bool(step.terminated.values.contains(true)),
                ]).encoded())
            } else {
                let rewards = game.possibleAgents.compactMap { a in step.rewards[a].map { "\(a) \(JSONValue.format($0))" } }.joined(separator: ", ")
                print("\(game.render() ?? "round \(round)")  rewards: \(rewards)")
            }
        }
        if !jsonl {
            print("\(round) rounds; returns: " + game.possibleAgents.map { "\($0) \(JSONValue.format(totals[$0]!))" }.joined(separator: ", "))
        }
        if let svg { try film?.save(to: svg, quietly: jsonl) }
    }
}
