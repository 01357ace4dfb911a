import Foundation
import Gym
import GymAgents

/// The runs of `gym sweep` and `gym compare`: every agent, at every point of the settings grid, on every
/// seed. Each run is one `gym train` command with a directory of its own, so that it gives the same files
/// whether it runs here or on any node of a Ray cluster.
struct SweepPlan {
    /// One training run of the plan.
    struct Run {
        /// The run's directory name, unique in the plan: `ppo-seed0`, `ppo-learning_rate=0.001-seed0`.
        let name: String
        let agent: String
        let seed: UInt64
        /// The grid's values for this run, in the order the axes were given.
        let point: [(key: String, value: String)]
        /// Every hyperparameter the run is given (`--set`): the shared ones, the agent's own, the point's.
        let settings: [String: String]

        /// The agent with its grid values: what a run shares with the other seeds of its configuration.
        var configuration: String { ([agent] + point.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }
    }

    /// One axis of the grid: a key (`learning_rate`, or `ppo.learning_rate` for one agent) and its values.
    struct Axis {
        let key: String
        let values: [String]
    }

    /// The environment as `gym train` takes it: the id or an absolute file path, then `--param` and plugin options.
    let environmentArguments: [String]
    /// The JSON MDP file the runs train on, when the environment was given as a file (sent to nodes that lack it).
    let environmentFile: String?
    let steps: Int
    let evaluationEpisodes: Int
    /// `--threads` of every run (given to `gym train` only when not 1, so that older plans' runs still match).
    let threads: Int
    let directory: String
    let runs: [Run]

    /// Plans `agents` × the grid's points × seeds `0..<seeds`, in that order.
    /// - Parameters:
    ///   - settings: `--set` values; a key `agent.key` applies to that agent only.
    ///   - grid: axes whose key may also be prefixed by an agent's name.
    init(environment: EnvironmentOptions, agents: [String], seeds: Int, settings: [String: String], grid: [Axis],
         training: TrainingOptions, directory: String) {
        let path = environment.environment
        let isFile = FileManager.default.fileExists(atPath: path)
        let absolute = isFile ? URL(fileURLWithPath: path).standardizedFileURL.path : path
        environmentFile = isFile ? absolute : nil
        environmentArguments = [absolute] + environment.parameters.parameters.flatMap { ["--param", $0] } + environment.plugins.arguments
        steps = training.stepCount
        evaluationEpisodes = training.evaluationEpisodes
        threads = training.threads
        self.directory = directory
        var runs: [Run] = []
        for agent in agents {
            let shared = SweepPlan.settings(for: agent, in: settings)
            let axes = grid.compactMap { axis in SweepPlan.key(axis.key, for: agent).map { Axis(key: $0, values: axis.values) } }
            for point in SweepPlan.points(of: axes) {
                var mine = shared
                for (key, value) in point { mine[key] = value }
                for seed in 0..<UInt64(seeds) {
                    let label = ([agent] + point.map { "\($0.key)=\($0.value)" } + ["seed\(seed)"]).joined(separator: "-")
                    runs.append(Run(name: SweepPlan.directoryName(label), agent: agent, seed: seed, point: point, settings: mine))
                }
            }
        }
        self.runs = runs
    }

    /// Refuses, before any run starts, a setting or grid key that a run's agent does not have.
    /// - Throws: `AgentError.invalidSetting` naming the agent and the key, with the closest of its keys.
    func checkSettingNames() throws {
        for run in runs {
            let known = try AgentRegistry.settings(run.agent).map(\.key)
            try Settings(run.settings.filter { !known.contains($0.key) }).checkAllUsed(agent: run.agent, known: known)
        }
    }

    /// Where run `run` keeps its files.
    func directory(of run: Run) -> String { directory + "/runs/" + run.name }

    /// The `gym train` arguments of `run` (without `--out`, which the executor adds).
    func trainArguments(of run: Run) -> [String] {
        ["train"] + environmentArguments
            + ["--agent", run.agent, "--seed", "\(run.seed)", "--steps", "\(steps)", "--eval-episodes", "\(evaluationEpisodes)", "--json"]
            + (threads == 1 ? [] : ["--threads", "\(threads)"])
            + run.settings.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }
    }

    /// The runs of each configuration (agent and grid point), in plan order.
    var configurations: [(name: String, runs: [Run])] {
        var order: [String] = [], byName: [String: [Run]] = [:]
        for run in runs {
            if byName[run.configuration] == nil { order.append(run.configuration) }
            byName[run.configuration, default: []].append(run)
        }
        return order.map { ($0, byName[$0]!) }
    }

    /// The settings for agent `name`: unprefixed keys go to every agent, `name.key` to this one.
    static func settings(for name: String, in all: [String: String]) -> [String: String] {
        var mine: [String: String] = [:]
        for (key, value) in all where !key.contains(".") { mine[key] = value }
        for (key, value) in all { if let own = SweepPlan.key(key, for: name), own != key { mine[own] = value } }
        return mine
    }

    /// `key` as agent `name` sees it: itself when unprefixed, the rest after `name.`, nil for another agent's.
    private static func key(_ key: String, for name: String) -> String? {
        guard let dot = key.firstIndex(of: ".") else { return key }
        return key[..<dot] == name ? String(key[key.index(after: dot)...]) : nil
    }

    /// Every combination of the axes' values, the first axis varying slowest; one empty point for no axes.
    private static func points(of axes: [Axis]) -> [[(key: String, value: String)]] {
        axes.reduce([[]]) { points, axis in points.flatMap { point in axis.values.map { point + [(axis.key, $0)] } } }
    }

    /// A label as a file name: path separators and spaces become underscores.
    private static func directoryName(_ label: String) -> String {
        String(label.map { $0 == "/" || $0 == " " ? "_" : $0 })
    }
}
