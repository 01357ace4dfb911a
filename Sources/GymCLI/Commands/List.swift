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
