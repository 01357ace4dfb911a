import Foundation
import Gym
import GymAgents

/// The runs of `gym sweep` and `gym compare`: every agent, at every point of the settings grid, on every
/// seed. Each run is one `gym train` command (`trainArguments(of:)`) with a directory of its own
/// (`directory(of:)`), so that it gives the same files whether it runs here or on any node of a Ray cluster;
/// `RunOutcome` reads a finished run's files back and `SweepReport` sums them up.
///
/// ```swift
/// let plan = SweepPlan(environment: "cartpole-v1", agents: ["ppo", "dqn"], seeds: 3, settings: [:],
///                      grid: [.init(key: "learning_rate", values: ["0.001", "0.0003"])], steps: 20_000,
///                      evaluationEpisodes: 5, directory: "runs/sweep")
/// plan.runs.count                        // 12: 2 agents × 2 learning rates × 3 seeds
/// plan.trainArguments(of: plan.runs[0])  // ["train", "cartpole-v1", "--agent", "ppo", ...]
/// ```
public struct SweepPlan {
    /// One training run of the plan.
    public struct Run {
        /// The run's directory name, unique in the plan: `ppo-seed0`, `ppo-learning_rate=0.001-seed0`.
        public let name: String
        public let agent: String
        public let seed: UInt64
        /// The grid's values for this run, in the order the axes were given.
        public let point: [(key: String, value: String)]
        /// Every hyperparameter the run is given (`--set`): the shared ones, the agent's own, the point's.
        public let settings: [String: String]

        /// The agent with its grid values: what a run shares with the other seeds of its configuration.
        public var configuration: String { ([agent] + point.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }
    }

    /// One axis of the grid: a key (`learning_rate`, or `ppo.learning_rate` for one agent) and its values.
    public struct Axis {
        public let key: String
        public let values: [String]

        public init(key: String, values: [String]) {
            self.key = key
            self.values = values
        }
    }

    /// The environment as `gym train` takes it: the id or an absolute file path, then `--param` and plugin options.
    public let environmentArguments: [String]
    /// The JSON MDP file the runs train on, when the environment was given as a file (sent to nodes that lack it).
    public let environmentFile: String?
    public let steps: Int
    public let evaluationEpisodes: Int
    /// `--threads` of every run (given to `gym train` only when not 1, so that older plans' runs still match).
    public let threads: Int
    public let directory: String
    public let runs: [Run]

    /// Plans `agents` × the grid's points × seeds `0..<seeds`, in that order.
    /// - Parameters:
    ///   - environment: an environment id, or the path of a JSON MDP file (given to the runs as an absolute path).
    ///   - arguments: `gym train`'s arguments that follow the environment (`--param`, plugin options).
    ///   - settings: `--set` values; a key `agent.key` applies to that agent only.
    ///   - grid: axes whose key may also be prefixed by an agent's name.
    ///   - threads: `--threads` of every run.
    public init(environment path: String, arguments: [String] = [], agents: [String], seeds: Int, settings: [String: String], grid: [Axis],
                steps: Int, evaluationEpisodes: Int, threads: Int = 1, directory: String) {
        let isFile = FileManager.default.fileExists(atPath: path)
        let absolute = isFile ? URL(fileURLWithPath: path).standardizedFileURL.path : path
        environmentFile = isFile ? absolute : nil
        environmentArguments = [absolute] + arguments
        self.steps = steps
        self.evaluationEpisodes = evaluationEpisodes
        self.threads = threads
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
    public func checkSettingNames() throws {
        for run in runs {
            let known = try AgentRegistry.settings(run.agent).map(\.key)
            try Settings(run.settings.filter { !known.contains($0.key) }).checkAllUsed(agent: run.agent, known: known)
        }
    }

    /// Where run `run` keeps its files.
    public func directory(of run: Run) -> String { directory + "/runs/" + run.name }

    /// The `gym train` arguments of `run` (without `--out`, which the executor adds).
    public func trainArguments(of run: Run) -> [String] {
        ["train"] + environmentArguments
            + ["--agent", run.agent, "--seed", "\(run.seed)", "--steps", "\(steps)", "--eval-episodes", "\(evaluationEpisodes)", "--json"]
            + (threads == 1 ? [] : ["--threads", "\(threads)"])
            + run.settings.sorted { $0.key < $1.key }.flatMap { ["--set", "\($0.key)=\($0.value)"] }
    }

    /// The runs of each configuration (agent and grid point), in plan order.
    public var configurations: [(name: String, runs: [Run])] {
        var order: [String] = [], byName: [String: [Run]] = [:]
        for run in runs {
            if byName[run.configuration] == nil { order.append(run.configuration) }
            byName[run.configuration, default: []].append(run)
        }
        return order.map { ($0, byName[$0]!) }
    }

    /// The settings for agent `name`: unprefixed keys go to every agent, `name.key` to this one.
    public static func settings(for name: String, in all: [String: String]) -> [String: String] {
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
