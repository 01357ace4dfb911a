import Foundation
import Gym
import GymAgents
import GymGames
import GymJSON
import GymMDP
import GymNN
import GymPlugins

/// The fuzz targets: each takes any bytes, and either rejects them with an error or accepts them and
/// then works on them without a crash. What must hold beyond not crashing is checked with `violated`,
/// which ends the process, so that libFuzzer records the input.
enum FuzzTarget: String, CaseIterable {
    /// The JSON reader.
    case json
    /// The spec loader, every kind: a file that loads is then reset and stepped.
    case spec
    /// The expression compiler and interpreter: the first line is `x`'s next value, the rest the reward.
    case expression
    /// The checkpoint reader, and restoring the agent it names on the corridor.
    case checkpoint
    /// The parser of a plugin's describe() text.
    case describe
    /// The Gambit `.nfg` reader: a game that loads writes back to the same game, and its support
    /// enumeration (small games) returns profiles no player can improve on.
    case nfg

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .json:
            _ = try? JSONReader.parse(text, source: "fuzz.json")
        case .spec:
            guard let json = try? JSONReader.parse(text, source: "fuzz.json"),
                  let definition = try? MDPFile(json: json, path: "fuzz.json").compile() else { return }
            if let makeGame = definition.makeMultiAgentEnvironment {
                if let game = try? makeGame() { FuzzTarget.exercise(game) }
                return
            }
            guard let env = try? definition.makeEnvironment() else { return }
            FuzzTarget.exercise(env)
        case .expression:
            let (next, reward) = text.firstIndex(of: "\n").map { (String(text[..<$0]), String(text[text.index(after: $0)...])) } ?? (text, "x")
            let json: OrderedJSON = .object([
                ("format", .string(MDPFile.format)), ("id", .string("fuzz-v1")), ("kind", .string("dynamics")),
                ("parameters", .object([("k", .number(0.5))])),
                ("state", .array([.object([("name", .string("x")), ("init", .string("uniform(-1, 1)"))]),
                                  .object([("name", .string("v")), ("init", .number(0))])])),
                ("actions", .object([("type", .string("discrete")), ("names", .array([.string("left"), .string("right")]))])),
                ("next", .object([("x", .string(next)), ("v", .string("v + a - 0.5"))])), ("reward", .string(reward)),
                ("terminal", .string("abs(x) > 100")),
                ("observation", .object([("expressions", .array([.string("x"), .string("v")])),
                                         ("low", .array([.number(-100), .number(-100)])), ("high", .array([.number(100), .number(100)]))])),
            ])
            guard let env = try? MDPFile(json: json, path: "fuzz.json").compile().makeEnvironment() else { return }
            FuzzTarget.exercise(env)
        case .checkpoint:
            guard let checkpoint = try? Checkpoint.parse(Data(bytes), path: "fuzz.ckpt") else { return }
            guard let env = try? Corridor() else { return }
            guard let (agent, _) = try? AgentCheckpoint.load(checkpoint, path: "fuzz.ckpt", environment: env) else { return }
            for state in 0..<6 {
                let action = agent.act(.discrete(state), mode: .greedy)
                if !env.actionSpace.contains(action) { FuzzTarget.violated("a restored \(agent.name) chose \(action), outside \(env.actionSpace)") }
            }
        case .describe:
            _ = try? PluginDescription(text: text, plugin: "fuzz", path: "libfuzz.so", environmentID: "fuzz-v1")
        case .nfg:
            guard let (game, title) = try? NFGFile.parse(text, file: "fuzz.nfg") else { return }
            guard let back = try? NFGFile.parse(NFGFile.text(game, title: title), file: "written.nfg"), back.game == game else {
                FuzzTarget.violated("a game read from .nfg does not read back the same from the text written for it")
            }
            let uniform = game.exploitability(StrategyProfile.uniform(game))
            if !uniform.isFinite || uniform < 0 { FuzzTarget.violated("the exploitability of uniform play is \(uniform)") }
            guard game.playerCount == 2, game.profileCount <= 64, let result = try? SupportEnumeration.solve(game) else { return }
            let scale = max(1, game.payoffs.joined().map(abs).max() ?? 0)
            for equilibrium in result.equilibria where game.nashConv(equilibrium.profile) > 1e-6 * scale {
                FuzzTarget.violated("support enumeration returned \(equilibrium.profile.strategies), whose NashConv is \(game.nashConv(equilibrium.profile))")
            }
        }
    }

    /// Resets and steps a game whose players are all agents: one entry per live agent, finite rewards.
    static func exercise(_ game: MultiAgentEnvironment) {
        var rng = RandomSource(seed: 1)
        guard (try? game.reset(seed: 0, options: .none)) != nil else { return }
        for _ in 0..<100 where !game.agents.isEmpty {
            var actions: [String: Action] = [:]
            for agent in game.agents {
                guard let space = try? game.actionSpace(agent) else { violated("a live agent '\(agent)' has no action space") }
                actions[agent] = space.sampleAction(using: &rng)
            }
            guard let step = try? game.step(actions) else { violated("a step with a valid action for every live agent threw") }
            if Set(step.rewards.keys) != Set(actions.keys) { violated("rewards for \(step.rewards.keys.sorted()), the live agents were \(actions.keys.sorted())") }
            if let bad = step.rewards.first(where: { !$0.value.isFinite }) { violated("agent '\(bad.key)' got the non-finite reward \(bad.value)") }
        }
    }

    /// Resets and steps an environment that loaded: every reward is finite, or the step says why not; every
    /// state draws the same picture twice, within the canvas limit, as SVG.
    static func exercise(_ env: Environment) {
        var rng = RandomSource(seed: 1)
        guard (try? env.reset(seed: 0, options: .none)) != nil else { return }
        draw(env)
        for _ in 0..<100 {
            guard let step = try? env.step(env.actionSpace.sampleAction(using: &rng)) else { return }
            draw(env)
            if !step.reward.isFinite { violated("step returned the non-finite reward \(step.reward) without an error") }
            if !env.observationSpace.contains(step.observation) {
                violated("step returned \(step.observation), outside the observation space \(env.observationSpace)")
            }
            if step.terminated || step.truncated { return }
        }
    }

    static func draw(_ env: Environment) {
        guard let picture = env.picture() else { return }
        // Compared as SVG: a shape whose numbers are NaN is left out of it, and NaN is not equal to itself.
        let svg = picture.svg
        if env.picture()?.svg != svg { violated("two pictures of one state differ") }
        let (width, height) = picture.pixelSize
        if !(1...Picture.maxPixels).contains(width) || !(1...Picture.maxPixels).contains(height) { violated("a picture of \(width) × \(height) pixels") }
        if !svg.hasPrefix("<svg ") { violated("a picture's SVG does not start with <svg") }
    }

    static func violated(_ what: String) -> Never {
        FileHandle.standardError.write(Data("gym-fuzz: \(what)\n".utf8))
        abort()
    }
}
