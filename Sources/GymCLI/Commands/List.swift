import ArgumentParser
import Gym

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the registered environments: id, kind, spaces and a one-line description.")

    @OptionGroup var plugins: PluginOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        try plugins.load()
        let registry = Registry.shared
        registry.discover()
        var rows: [[String]] = []
        for id in registry.ids {
            let spec = registry.specs[id]!
            do {
                if spec.isMultiAgent {
                    let game = try registry.makeMultiAgent(spec)
                    let agents = game.possibleAgents
                    let observations = try agents.map { try game.observationSpace($0) }, actions = try agents.map { try game.actionSpace($0) }
                    if output.json {
                        print(JSONValue.object([
                            "id": .string(id), "kind": .string(spec.kind), "title": .string(spec.title), "source": .string(spec.source),
                            "agents": .array(agents.map { .string($0) }),
                            "observation_spaces": .object(Dictionary(uniqueKeysWithValues: zip(agents, observations.map(\.json)))),
                            "action_spaces": .object(Dictionary(uniqueKeysWithValues: zip(agents, actions.map(\.json)))),
                        ]).encoded())
                    } else {
                        // One space for everyone when all agents share it, else each agent's.
                        func brief(_ spaces: [Space]) -> String {
                            Set(spaces.map(\.description)).count == 1 ? List.brief(spaces[0]) : spaces.map(List.brief).joined(separator: "; ")
                        }
                        rows.append([id, "\(spec.kind), \(agents.count) agents", brief(observations), brief(actions), spec.title])
                    }
                    continue
                }
                let env = try registry.makeUnwrapped(id)
                if output.json {
                    let object: JSONValue = [
                        "id": .string(id), "kind": .string(spec.kind), "title": .string(spec.title),
                        "observation_space": env.observationSpace.json, "action_space": env.actionSpace.json,
                        "source": .string(spec.source),
                    ]
                    print(object.encoded())
                } else {
                    rows.append([id, spec.kind, List.brief(env.observationSpace), List.brief(env.actionSpace), spec.title])
                }
            } catch {
                rows.append([id, spec.kind, "-", "-", "cannot be made: \(error)"])
            }
        }
        if !output.json {
            print(Table.render(header: ["id", "kind", "observation", "action", "description"], rows: rows, width: Table.terminalWidth))
        }
        for problem in registry.problems {
            printError("warning: \(problem.message)")
        }
    }

    /// A space in a few characters: a box by its shape (`gym inspect` shows the bounds).
    static func brief(_ space: Space) -> String {
        if case .box(let box) = space { return "Box(" + box.shape.map(String.init).joined(separator: "x") + ")" }
        return space.description
    }
}
