import ArgumentParser
import Gym
import GymAgents

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
            } else {
                print(Table.render(header: ["agent", "settings", "what it is"],
                                   rows: AgentRegistry.agents.map { [$0.name, "\($0.settings.count)", $0.summary] }))
                print("gym agents NAME lists an agent's settings.")
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
