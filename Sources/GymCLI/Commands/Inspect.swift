import ArgumentParser
import Gym
import GymPlanning
import GymRuns

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show an environment's spaces, parameters, time limit, reward range and documentation.")

    @OptionGroup var environment: EnvironmentOptions

    @OptionGroup var detail: DetailOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let resolved = try environment.resolve()
        if resolved.isGame { return try inspectGame(resolved) }
        let spec = resolved.spec
        let env = try resolved.make()
        let m = env.metadata
        let parameters = spec.parameters.merging(resolved.overrides) { $1 }
        if output.json {
            var object: [String: JSONValue] = [
                "id": .string(spec.id), "kind": .string(spec.kind), "title": .string(m.title),
                "description": .string(m.description), "source": .string(spec.source),
                "observation_space": env.observationSpace.json, "action_space": env.actionSpace.json,
                "parameters": .object(parameters.mapValues { .number($0) }),
                "stochastic": .bool(m.isStochastic),
            ]
            object["max_episode_steps"] = m.maxEpisodeSteps.map { .number(Double($0)) } ?? .null
            object["discount"] = m.discount.map { .number($0) } ?? .null
            object["reward_range"] = m.rewardRange.map { [.number($0.lowerBound), .number($0.upperBound)] } ?? .null
            object["action_names"] = m.actionNames.map { .array($0.map { .string($0) }) } ?? .null
            if let model = (env.unwrapped as? ModelledEnvironment)?.knownModel {
                let summary = ModelSummary(model)
                object["state_count"] = .number(Double(model.stateCount))
                object["states"] = .array(summary.states.map { .string($0) })
                object["start"] = .object(Dictionary(summary.start.map { ($0.name, .number($0.probability)) }, uniquingKeysWith: { a, _ in a }))
                object["terminal_count"] = .number(Double(summary.terminalCount))
                object["terminal"] = .array(summary.terminal.map { .string($0) })
            }
            print(JSONValue.object(object).encoded())
            return
        }
        print("\(spec.id)  (\(spec.kind), from \(spec.source))")
        if !m.title.isEmpty { print(m.title) }
        print("")
        print("observation space  \(env.observationSpace)")
        print("action space       \(env.actionSpace)" + (m.actionNames.map { "  actions: " + $0.enumerated().map { "\($0)=\($1)" }.joined(separator: " ") } ?? ""))
        print("max episode steps  \(m.maxEpisodeSteps.map(String.init) ?? "none")")
        print("reward range       \(m.rewardRange.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "unknown")")
        print("discount           \(m.discount.map { "\($0)" } ?? "not declared")")
        print("stochastic         \(m.isStochastic ? "yes" : "no")")
        if let model = (env.unwrapped as? ModelledEnvironment)?.knownModel {
            let summary = ModelSummary(model)
            print("states             \(model.stateCount): \(summary.states.joined(separator: " "))" + (summary.states.count < model.stateCount ? " ..." : ""))
            print("start              " + summary.start.map { $0.probability == 1 ? $0.name : "\($0.name) (p \(JSONValue.format($0.probability)))" }
                .joined(separator: ", ") + (summary.start.count < model.start.count ? ", ..." : ""))
            print("terminal           " + (summary.terminalCount == 0 ? "none"
                : "\(summary.terminalCount): \(summary.terminal.joined(separator: " "))" + (summary.terminal.count < summary.terminalCount ? " ..." : "")))
        }
        if !parameters.isEmpty {
            print("parameters         " + parameters.keys.sorted().map { "\($0)=\(JSONValue.format(parameters[$0]!))" }.joined(separator: " "))
        }
        if !m.description.isEmpty {
            print("")
            print(m.description)
        }
    }
}

/// The states of a known model for people: every name of a small model, the first few of a large one.
struct ModelSummary {
    static let shown = 24
    let states: [String]
    let start: [(name: String, probability: Double)]
    let terminal: [String]
    let terminalCount: Int

    init(_ model: TabularModel) {
        states = Array(model.stateNames.prefix(Self.shown))
        start = model.start.prefix(Self.shown).map { (model.stateNames[$0.state], $0.probability) }
        let terminals = model.terminal.indices.filter { model.terminal[$0] }
        terminal = terminals.prefix(Self.shown).map { model.stateNames[$0] }
        terminalCount = terminals.count
    }
}
