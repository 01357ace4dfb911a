import Gym

/// One conformance check of a multi-agent environment.
public struct MultiAgentCheck {
    public let id: String
    public let summary: String
    public let run: (_ make: () throws -> MultiAgentEnvironment, _ configuration: CheckConfiguration) -> CheckOutcome

    init(id: String, summary: String,
         _ body: @escaping (_ env: MultiAgentEnvironment, _ make: () throws -> MultiAgentEnvironment, _ configuration: CheckConfiguration) throws -> CheckOutcome) {
        self.id = id
        self.summary = summary
        run = { make, configuration in
            do { return try body(try make(), make, configuration) } catch { return .failed("could not run: \(describe(error))") }
        }
    }
}

/// Everything one multi-agent episode gave, step by step, for comparing two runs.
struct MultiAgentTrajectory: Equatable {
    var resets: [[String: Observation]] = []
    var steps: [MultiAgentStep] = []
}

/// The conformance checks of the parallel multi-agent API (Specs/conformance.md, "Multi-agent").
enum MultiAgentChecks {
    static let all: [MultiAgentCheck] = [agents, spaces, api, seeding, badActions, callOrder]

    /// Random actions for every live agent, from `rng`.
    static func randomActions(_ env: MultiAgentEnvironment, _ rng: inout RandomSource) throws -> [String: Action] {
        var actions: [String: Action] = [:]
        for agent in env.agents { actions[agent] = try env.actionSpace(agent).sampleAction(using: &rng) }
        return actions
    }

    /// `episodes` episodes from `seed` with actions drawn from `actionSeed`, at most `cap` steps each.
    static func play(_ env: MultiAgentEnvironment, seed: UInt64, actionSeed: UInt64, episodes: Int, cap: Int = 1000) throws -> MultiAgentTrajectory {
        var rng = RandomSource(seed: actionSeed)
        var trajectory = MultiAgentTrajectory()
        for e in 0..<episodes {
            trajectory.resets.append(try env.reset(seed: e == 0 ? seed : nil, options: .none).observations)
            var n = 0
            while !env.agents.isEmpty && n < cap {
                trajectory.steps.append(try env.step(try randomActions(env, &rng)))
                n += 1
            }
        }
        return trajectory
    }

    static let agents = MultiAgentCheck(id: "parallel.agents", summary: "possible agents are distinct and every one is live after reset") { env, _, _ in
        let possible = env.possibleAgents
        guard !possible.isEmpty else { return .failed("possibleAgents is empty") }
        guard Set(possible).count == possible.count else { return .failed("possibleAgents repeats a name: \(possible)") }
        try env.reset(seed: 0, options: .none)
        guard env.agents == possible else { return .failed("after reset the live agents are \(env.agents), not \(possible)") }
        guard env.possibleAgents == possible else { return .failed("possibleAgents changed after reset") }
        return .passed
    }

    static let spaces = MultiAgentCheck(id: "parallel.spaces", summary: "each agent's spaces are the same on every call; unknown agents throw") { env, _, _ in
        let before = try env.possibleAgents.map { (try env.observationSpace($0), try env.actionSpace($0)) }
        var rng = RandomSource(seed: 1)
        try env.reset(seed: 1, options: .none)
        if !env.agents.isEmpty { _ = try env.step(try randomActions(env, &rng)) }
        for (k, agent) in env.possibleAgents.enumerated() {
            guard try env.observationSpace(agent) == before[k].0, try env.actionSpace(agent) == before[k].1 else {
                return .failed("agent '\(agent)': a space changed after reset and step")
            }
        }
        do {
            _ = try env.actionSpace("no-such-agent")
            return .failed("actionSpace(\"no-such-agent\") returned a space instead of throwing")
        } catch let error as MultiAgentError {
            guard case .unknownAgent = error else { return .failed("actionSpace of an unknown agent threw \(error)") }
        }
        return .passed
    }

    /// PettingZoo's parallel_api_test, over whole episodes.
    static let api = MultiAgentCheck(id: "parallel.api", summary: "results have one entry per live agent; observations are in their spaces; agents never revive") { env, _, configuration in
        var rng = RandomSource(seed: configuration.seed)
        for episode in 0..<5 {
            let (observations, infos) = try env.reset(seed: episode == 0 ? configuration.seed : nil, options: .none)
            guard Set(observations.keys) == Set(env.agents), Set(infos.keys) == Set(env.agents) else {
                return .failed("reset returned observations for \(observations.keys.sorted()) and infos for \(infos.keys.sorted()); live agents are \(env.agents)")
            }
            for (agent, observation) in observations where !(try env.observationSpace(agent)).contains(observation) {
                return .failed("reset: agent '\(agent)' observation \(observation) is outside \(try env.observationSpace(agent))")
            }
            var done = Set<String>()
            var n = 0
            while !env.agents.isEmpty && n < 10_000 {
                let live = env.agents
                let step = try env.step(try randomActions(env, &rng))
                n += 1
                let keys = Set(live)
                for (what, found) in [("observations", Set(step.observations.keys)), ("rewards", Set(step.rewards.keys)),
                                      ("terminated", Set(step.terminated.keys)), ("truncated", Set(step.truncated.keys)),
                                      ("infos", Set(step.infos.keys))] where found != keys {
                    return .failed("step \(n): \(what) has entries for \(found.sorted()), the live agents were \(live)")
                }
                for agent in live {
                    if !(try env.observationSpace(agent)).contains(step.observations[agent]!) {
                        return .failed("step \(n): agent '\(agent)' observation \(step.observations[agent]!) is outside \(try env.observationSpace(agent))")
                    }
                    guard step.rewards[agent]!.isFinite else { return .failed("step \(n): agent '\(agent)' reward \(step.rewards[agent]!)") }
                    if step.terminated[agent]! && step.truncated[agent]! { return .failed("step \(n): agent '\(agent)' both terminated and truncated") }
                    if step.terminated[agent]! || step.truncated[agent]! { done.insert(agent) }
                }
                let expected = live.filter { !done.contains($0) }
                guard env.agents == expected else {
                    return .failed("step \(n): live agents are \(env.agents), expected \(expected) (the previous ones minus those done)")
                }
                guard Set(env.agents).isSubset(of: env.possibleAgents) else { return .failed("step \(n): agents \(env.agents) outside possibleAgents") }
            }
            if !env.agents.isEmpty { return .skipped("an episode did not end within 10,000 steps") }
        }
        return .passed
    }

    /// A multi-step seed test that compares values (PettingZoo's own stops after one step).
    static let seeding = MultiAgentCheck(id: "parallel.seeding", summary: "the same seed and actions give the same episodes, on a fresh and on a used instance") { env, make, configuration in
        let seed = configuration.seed &+ 17
        let first = try play(env, seed: seed, actionSeed: 3, episodes: 3)
        let fresh = try play(try make(), seed: seed, actionSeed: 3, episodes: 3)
        guard first == fresh else { return .failed("two instances reset with seed \(seed) and given the same actions diverged") }
        let again = try play(env, seed: seed, actionSeed: 3, episodes: 3)
        guard first == again else { return .failed("reset(seed: \(seed)) on a used instance did not repeat the episodes") }
        guard !first.steps.isEmpty else { return .skipped("no agent was live after reset, so no step was compared") }
        return .passed
    }

    static let badActions = MultiAgentCheck(id: "parallel.bad-actions", summary: "missing, unknown and invalid actions throw naming the agent, and nothing moves") { env, make, configuration in
        let reference = try make()
        try env.reset(seed: 5, options: .none)
        try reference.reset(seed: 5, options: .none)
        var rng = RandomSource(seed: configuration.seed)
        let good = try randomActions(env, &rng)
        guard let first = env.agents.first else { return .skipped("no live agent after reset") }
        var attempts: [(String, [String: Action])] = []
        var missing = good; missing[first] = nil
        attempts.append(("an action missing for '\(first)'", missing))
        var extra = good; extra["no-such-agent"] = .discrete(0)
        attempts.append(("an action for an unknown agent", extra))
        for (bad, how) in Checks.invalidActions(try env.actionSpace(first)) {
            var invalid = good; invalid[first] = bad
            attempts.append(("the invalid action \(bad) (\(how)) for '\(first)'", invalid))
        }
        for (what, actions) in attempts {
            do {
                _ = try env.step(actions)
                return .failed("step accepted \(what)")
            } catch let error as MultiAgentError {
                let named: String
                switch error {
                case .missingAction(let agent, _), .unknownAgent(let agent, _), .finishedAgent(let agent), .invalidAction(let agent, _, _, _): named = agent
                }
                guard named == first || named == "no-such-agent" else { return .failed("\(what): the error names '\(named)': \(error)") }
            } catch {
                return .failed("\(what) threw \(describe(error)), not a MultiAgentError")
            }
        }
        // Nothing moved: both instances go on identically.
        var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
        while !env.agents.isEmpty {
            let x = try env.step(try randomActions(env, &a)), y = try reference.step(try randomActions(reference, &b))
            guard x == y else { return .failed("after the rejected steps, the episode differs from one that never saw them") }
        }
        return .passed
    }

    static let callOrder = MultiAgentCheck(id: "parallel.call-order", summary: "stepping before reset or after the episode throws") { env, _, _ in
        do {
            _ = try env.step([:])
            return .failed("step before reset did not throw")
        } catch GymError.resetNeeded {
        } catch {
            return .failed("step before reset threw \(describe(error)), not GymError.resetNeeded")
        }
        var rng = RandomSource(seed: 2)
        try env.reset(seed: 2, options: .none)
        var n = 0
        while !env.agents.isEmpty && n < 10_000 { _ = try env.step(try randomActions(env, &rng)); n += 1 }
        guard env.agents.isEmpty else { return .skipped("the episode did not end within 10,000 steps") }
        do {
            _ = try env.step([:])
            return .failed("step after the episode ended did not throw")
        } catch GymError.episodeEnded {
        } catch {
            return .failed("step after the episode threw \(describe(error)), not GymError.episodeEnded")
        }
        return .passed
    }
}

/// Runs the multi-agent checks.
public enum MultiAgentConformance {
    public static func run(_ make: () throws -> MultiAgentEnvironment, configuration: CheckConfiguration = CheckConfiguration(),
                           only: Set<String>? = nil) -> [CheckResult] {
        MultiAgentChecks.all.filter { only?.contains($0.id) ?? true }.map { check in
            CheckResult(id: check.id, summary: check.summary, outcome: check.run(make, configuration))
        }
    }

    public static var checkIDs: [String] { MultiAgentChecks.all.map(\.id) }
}
