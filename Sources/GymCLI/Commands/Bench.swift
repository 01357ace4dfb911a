import ArgumentParser
import Foundation
import Gym
import GymMDP
import GymPlugins

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure environment steps per second (raw, wrapped and vectorised), the network core, training and a large MDP.",
        discussion: """
            Each stepping measurement steps with pre-drawn random actions, resets at episode ends, and reports \
            the median of --repeats runs: the raw environment, the same through the standard wrappers \
            (`make`), and a VectorEnvironment of --envs copies on each of the --threads counts (environment \
            steps per second, all copies counted: the batched path where the environment has one), beside the \
            same copies stepped one by one. cartpole-v1 is also compared with a hand-written Swift CartPole. A plugin \
            library's path may stand in for an id. Build in release mode (make bench) for meaningful numbers; \
            `make bench-peers` puts these numbers beside Gymnasium's and a C loop's.
            """)

    @Argument(help: "Environment ids, JSON files or plugin libraries (default: the shipped set).")
    var ids: [String] = []

    @Option(help: "Steps per measurement.")
    var steps: Int = 200_000

    @Option(help: "Measurements per environment; the median is reported.")
    var repeats: Int = 5

    @Option(help: "Copies in the vectorised measurement (0 skips it).")
    var envs: Int = 8

    @Option(parsing: .upToNextOption, help: "Threads of the vectorised measurement; several give one measurement each (default: 1).")
    var threads: [Int] = [1]

    @Flag(name: .customLong("vector-only"), help: "Measure the vectorised variants only (and raw, their reference).")
    var vectorOnly = false

    @OptionGroup var plugins: PluginOptions

    @OptionGroup var output: OutputOptions

    @Flag(name: .customLong("beside-busy"), help: "Also measure the vector on each --threads count beside one CPU-bound process of gym's own (started and stopped here), against one thread, and the network core's critic step the same way.")
    var besideBusy = false

    /// `gym bench --spin`: the busy process of --beside-busy.
    @Flag(help: .hidden)
    var spin = false

    @Flag(help: "Also measure the neural-network core: an MLP [4, 256, 256, 2] at batch 64 and batch 1, a DQN update, and a critic step at batch 256 on 1 and 2 threads.")
    var networks = false

    @Flag(help: "Also measure training throughput: DQN on cartpole-v1 (environment steps and updates per second).")
    var training = false

    @Option(name: .customLong("training-steps"), help: "Environment steps of the --training run.")
    var trainingSteps: Int = 20_000

    @Flag(help: "Also measure game solving: the linear program and regret matching(+) to exploitability 1e-3 on a random 100x100 zero-sum game.")
    var games = false

    @Option(name: .customLong("large-mdp"), help: ArgumentHelp("Also time loading (written as a table and as transitions objects) and value iteration of a generated tabular MDP with this many states (4 actions, 3 outcomes each).", valueName: "states"))
    var largeMDPStates: Int = 0

    static let defaultIDs = ["gridworld-v1", "frozen-lake-8x8-v1", "cartpole-v1", "pendulum-v1", "demand-v1", "rock-paper-scissors-exploiter-v1"]

    func validate() throws {
        guard steps > 0, repeats > 0 else { throw ValidationError("--steps and --repeats must be positive") }
        guard envs >= 0, largeMDPStates >= 0 else { throw ValidationError("--envs and --large-mdp must not be negative") }
        guard threads.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--threads must be positive") }
        guard trainingSteps > 0 else { throw ValidationError("--training-steps must be positive") }
    }

    func run() throws {
        if spin { BusyNeighbour.spin() }
        try plugins.load()
        let json = output.json
        let selected = ids.isEmpty ? Bench.defaultIDs : ids
        for id in selected { _ = try Registry.shared.makeUnwrapped(id) }  // an unknown id fails before any output
        let report = BenchReport(json: json)
        if !json { print("gym bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(BenchReport.buildMode) build, \(steps) steps, median of \(repeats)") }
        let bench = SteppingBench(steps: steps, repeats: repeats)
        for id in selected {
            var variants: [(String, SteppingBench.Run)] = [("raw", bench.loop(try Registry.shared.makeUnwrapped(id)))]
            let limit = try Registry.shared.spec(id).maxEpisodeSteps
            if !vectorOnly {
                variants.append(("wrapped (make)", bench.loop(try Registry.shared.make(id))))
                // The same environment forced into a wrapper layer: what `make` costs an environment that does
                // not enforce the episode contract itself.
                variants.append(("inside EpisodeGuard", bench.loop(try EpisodeGuard(try Registry.shared.makeUnwrapped(id), maxEpisodeSteps: limit))))
            }
            if envs > 0 {
                var batched = false
                for t in threads {
                    let vector = try VectorEnvironment(count: envs, threads: t) { try Registry.shared.make(id) }
                    batched = vector.isBatched
                    variants.append(("vector of \(envs), \(batched ? "batched" : "copies"), \(t) thread\(t == 1 ? "" : "s")", bench.loop(vector)))
                }
                // The same copies inside a wrapper layer, which cannot batch: the path of plugins and users' own types.
                if batched && !vectorOnly {
                    let copies = try VectorEnvironment(count: envs, threads: 1) {
                        try EpisodeGuard(try Registry.shared.makeUnwrapped(id), maxEpisodeSteps: limit)
                    }
                    variants.append(("vector of \(envs), copies one by one", bench.loop(copies)))
                }
            }
            if id.hasSuffix(".so") && Plugins.isolation == nil { variants += try isolatedVariants(id, bench) }
            if id == "cartpole-v1" && !vectorOnly { variants.append(("hand-written Swift", bench.loop(ReferenceCartPole()))) }
            let rates = try bench.measure(variants.map(\.1))
            for (k, (name, _)) in variants.enumerated() {
                report.steps(id, name, SteppingBench.median(rates[k]), ofRaw: k == 0 ? nil : SteppingBench.medianRatio(rates[k], rates[0]))
            }
        }
        report.printSteps()
        if besideBusy && envs > 0 {
            for id in selected { try ThreadBench(bench: bench).run(id, copies: envs, threads: threads, report) }
        }
        if networks { try NetworkBench(repeats: repeats, besideBusy: besideBusy).run(report) }
        if training { try TrainingBench(steps: trainingSteps).run(report) }
        if largeMDPStates > 0 { try LargeMDPBench(states: largeMDPStates).run(report) }
        if games { try GameBench().run(report) }
    }

    /// A plugin run isolated (`--isolate`), beside the in-process variants: one environment, a round trip
    /// per step, and a vector of --envs copies in one process, a round trip per step of all of them.
    private func isolatedVariants(_ path: String, _ bench: SteppingBench) throws -> [(String, SteppingBench.Run)] {
        let spec = try IsolatedPluginLibrary(path: path, isolation: try PluginIsolation.locate()).environmentSpecs()[0]
        var variants = [("isolated, own process", bench.loop(try Registry.shared.make(spec)))]
        if envs > 0 {
            let vector = try VectorEnvironment(count: envs, threads: 1) { try Registry.shared.make(spec) }
            variants.append(("isolated vector of \(envs), \(vector.isBatched ? "one round trip a step" : "copies")", bench.loop(vector)))
        }
        return variants
    }
}
