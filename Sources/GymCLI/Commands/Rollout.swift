import ArgumentParser
import Gym
import GymAgents
import GymNN
import GymPlanning
import GymRuns

struct Rollout: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one episode with given actions, a trained agent or a random policy, and print every step.",
        discussion: """
            Actions are given as a comma-separated list of names or indices (--actions right,right,up) \
            or as a JSON array (--actions '[[0.3], [-1.2]]' for continuous actions). A word that is an \
            action's name means that action, even when it is a number too: with actions named -5 to 5, \
            --actions 5,0,-1 takes the actions named 5, 0 and -1; any other integer is the action itself. \
            In a JSON array a number is always the action itself. With --checkpoint the \
            agent written by gym train chooses them, greedily. With --policy random (the default) they are \
            sampled from the action space with a generator seeded from --seed. The episode stops at the end \
            of the actions, at --steps, or when it terminates or is truncated.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @OptionGroup var seedOption: SeedOptions

    @Option(name: .customLong("initial-state"), parsing: .unconditional,
            help: "Start state: a state name (3,0 or \"3,0\"), an index, or a JSON array for dynamics MDPs ('[0.1, -0.2]').")
    var initialState: String?

    @Option(parsing: .unconditional, help: "Actions: a,b,c (names or indices, a name first; -1,-1 works) or a JSON array ('[[0.3], [-1.2]]').")
    var actions: String?

    @Option(help: "Policy when no actions are given: random.")
    var policy: String = "random"

    @Option(help: "A checkpoint written by gym train: its agent plays, greedily.")
    var checkpoint: String?

    @Option(help: "Maximum number of steps.")
    var steps: Int?

    @Flag(help: "Print one JSON object per step.")
    var jsonl = false

    @Option(help: "Also write the episode as one animated SVG, a frame per step, that plays in a browser.")
    var svg: String?

    func validate() throws {
        if actions == nil && checkpoint == nil && policy != "random" {
            throw ValidationError("unknown policy '\(policy)'; available: random (or give --actions or --checkpoint)")
        }
        if actions != nil && checkpoint != nil { throw ValidationError("give --actions or --checkpoint, not both") }
        if let steps, steps < 0 { throw ValidationError("--steps must not be negative") }
    }

    func run() throws {
        let saved = try checkpoint.map { try Checkpoint.read(from: $0) }
        let resolved = try saved.map { try environment.resolve(orFileOf: $0) } ?? environment.resolve()
        if resolved.isGame { return try rolloutGame(resolved) }
        let env = try resolved.make()
        let agent = try checkpoint.map {
            try AgentCheckpoint.load(from: $0, environment: env, environmentID: resolved.id, actingSeed: seedOption.agentSeed).0
        }
        let seed = seedOption.seed
        let names = env.metadata.actionNames
        let planned = try actions.map { try parseActions($0, space: env.actionSpace, names: names) }
        let options = ResetOptions(initialState: try initialState.map { try parseStateArgument($0, option: "--initial-state") })
        let (first, _) = try env.reset(seed: seed, options: options)
        var observation = first
        var policyRNG = RandomSource(seed: seed &+ 0x5EED)
        var film = try svg.map { _ in try EpisodeFilm(first: env.picture(), environment: resolved.id) }
        if jsonl {
            var line: [String: JSONValue] = ["step": 0, "observation": first.json]
            if let name = stateName(env) { line["state"] = .string(name) }
            print(JSONValue.object(line).encoded())
        } else {
            print("reset  observation \(first)" + (stateName(env).map { " (\($0))" } ?? ""))
        }
        var total = 0.0
        var t = 0
        let limit = steps ?? planned?.count ?? Int.max
        while t < limit {
            let action: Action
            if let planned {
                guard t < planned.count else { break }
                action = planned[t]
            } else if let agent {
                action = agent.act(observation, mode: .greedy)
            } else {
                action = env.actionSpace.sampleAction(using: &policyRNG)
            }
            let step = try env.step(action)
            observation = step.observation
            t += 1
            total += step.reward
            film?.record(env.picture(), action: EpisodeFilm.label(action, in: env), reward: step.reward)
            if jsonl {
                var line: [String: JSONValue] = [
                    "step": .number(Double(t)), "action": action.json, "observation": step.observation.json,
                    "reward": .number(step.reward), "terminated": .bool(step.terminated), "truncated": .bool(step.truncated),
                ]
                if let state = (env.unwrapped as? StateReporting)?.stateValues { line["state"] = .array(state.map { .number($0) }) }
                if let name = stateName(env) { line["state"] = .string(name) }
                print(JSONValue.object(line).encoded())
            } else {
                let label = env.actionSpace.name(of: action, names: names) ?? action.description
                print("step \(t)  action \(label)  observation \(step.observation)" + (stateName(env).map { " (\($0))" } ?? "")
                    + "  reward \(JSONValue.format(step.reward))"
                    + (step.terminated ? "  terminated" : "") + (step.truncated ? "  truncated" : ""))
            }
            if step.isLast { break }
        }
        if !jsonl { print("return \(formatReturn(total)) over \(t) steps") }
        if let svg { try film?.save(to: svg, quietly: jsonl) }
    }

    /// The name of the model state the environment is in, for environments with a known model.
    private func stateName(_ env: Environment) -> String? {
        guard let modelled = env.unwrapped as? ModelledEnvironment, let model = modelled.knownModel, let s = modelled.currentState else { return nil }
        return model.stateNames[s]
    }

    private func parseActions(_ text: String, space: Space, names: [String]?) throws -> [Action] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") {
            guard let items = try parseJSONArgument(trimmed, option: "--actions").arrayValue else {
                throw GymError.invalidArgument("--actions must be a JSON array")
            }
            return try items.enumerated().map { k, item in try Rollout.item(k) { try space.action(fromJSON: item, names: names) } }
        }
        return try trimmed.split(separator: ",").enumerated().map { k, token in
            try Rollout.item(k) { try space.action(fromText: token.trimmingCharacters(in: .whitespaces), names: names) }
        }
    }

    /// Item `k` of `--actions`, read by `read`; a malformed one is an error that names the option and the place.
    private static func item(_ k: Int, _ read: () throws -> Action) throws -> Action {
        do {
            return try read()
        } catch GymError.invalidAction(let message) {
            throw GymError.invalidAction("--actions, item \(k + 1): \(message)")
        }
    }
}
