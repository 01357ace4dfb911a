import ArgumentParser
import Gym
import GymAgents
import GymGames

struct Agents: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the agents, or one agent's settings: key, type, default and what it is, for gym train --set key=value.")

    @Argument(help: "An agent name (default: every agent, without settings).")
    var agent: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let agent else {
            if output.json {
                for entry in AgentRegistry.agents {
                    print(JSONValue.object(["name": .string(entry.name), "summary": .string(entry.summary),
                                            "settings": .number(Double(entry.settings.count))]).encoded())
                }
                for kind in GameLearnerKind.allCases {
                    print(JSONValue.object(["name": .string(kind.rawValue), "summary": .string(kind.summary), "game_learner": true,
                                            "settings": .number(2)]).encoded())
                }
            } else {
                print(Table.render(header: ["agent", "settings", "what it is"],
                                   rows: AgentRegistry.agents.map { [$0.name, "\($0.settings.count)", $0.summary] }))
                print("gym agents NAME lists an agent's settings.")
                print("")
                print(Table.render(header: ["game learner", "settings", "what it is"],
                                   rows: GameLearnerKind.allCases.map { [$0.rawValue, "2", $0.summary] }))
                print("Game learners train every player of a game at once: gym train GAME --self-play NAME (Specs/mdp-format.md).")
            }
            return
        }
        if let kind = GameLearnerKind(rawValue: agent) {
            let rows = [["learning_rate", "number", "\(GameLearnerKind.defaultLearningRate)", "Hedge's step size η (hedge, optimistic-hedge); the games notes' MWU/OMWU comparison"],
                        ["start", "default|uniform|random", "default", "the first policies: the learner's own (fictitious play: the first action; the others: uniform), uniform, or drawn from the seed"]]
            if output.json {
                for r in rows { print(JSONValue.object(["agent": .string(agent), "key": .string(r[0]), "type": .string(r[1]), "default": .string(r[2]), "help": .string(r[3])]).encoded()) }
            } else {
                print("\(agent) (game learner): \(kind.summary)")
                print(Table.render(header: ["--set key", "type", "default", "what it is, and where the default comes from"], rows: rows))
            }
            return
        }
        let settings = try AgentRegistry.settings(agent)
        if output.json {
            for s in settings {
                print(JSONValue.object(["agent": .string(agent), "key": .string(s.key), "type": .string(s.type),
                                        "default": .string(s.defaultValue), "help": .string(s.help)]).encoded())
            }
            return
        }
        let summary = AgentRegistry.agents.first { $0.name == agent }!.summary
        print("\(agent): \(summary)")
        guard !settings.isEmpty else { return print("it has no settings") }
        print(Table.render(header: ["--set key", "type", "default", "what it is, and where the default comes from"],
                           rows: settings.map { [$0.key, $0.type, $0.defaultValue, $0.help] }))
    }
}
