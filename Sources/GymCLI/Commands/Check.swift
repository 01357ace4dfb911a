import ArgumentParser
import Gym
import GymConformance
import GymPlugins

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the conformance suite on environments: spaces, API contract, determinism, bad actions, stochastics.",
        discussion: """
            Each check prints a mark: ok, FAIL (with the reason) or skip (not applicable, e.g. no known model). \
            The environment is checked unwrapped under its declared time limit, so that its own enforcement \
            of the protocol is what is tested. Plugins run in supervised child processes unless --in-process is given, so that \
            a plugin that crashes or hangs fails the checks it breaks and the run goes on. \
            Exit code 1 when any check fails. Specs/conformance.md lists the checks.
            """)

    @Argument(help: "Environment ids or JSON files (or --all).")
    var environments: [String] = []

    @Flag(help: "Check every registered environment.")
    var all = false

    @OptionGroup var seedOption: SeedOptions

    @Option(help: "Comma-separated check ids to run (default: all).")
    var only: String?

    @Flag(help: "Run 1,000,000 robustness steps instead of 10,000.")
    var long = false

    @OptionGroup var plugins: PluginOptions

    @OptionGroup var parameters: ParameterOptions

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if environments.isEmpty && !all { throw ValidationError("give environment ids or files, or --all") }
        if let only {
            let known = ConformanceSuite.checkIDs + MultiAgentConformance.checkIDs
            let unknown = only.split(separator: ",").map(String.init).filter { !known.contains($0) }
            if !unknown.isEmpty { throw ValidationError("unknown check ids: \(unknown.joined(separator: ", ")); known: \(known.joined(separator: ", "))") }
        }
    }

    func run() throws {
        try plugins.load(isolatedByDefault: true)
        Registry.shared.discover()
        // A plugin library given as a path stands for all of its environments.
        let ids = all ? Registry.shared.ids : try environments.flatMap { $0.hasSuffix(".so") && $0.contains("/") ? try Plugins.load($0) : [$0] }
        var configuration = CheckConfiguration(seed: seedOption.seed)
        if long { configuration.robustnessSteps = 1_000_000 }
        let selected = only.map { Set($0.split(separator: ",").map(String.init)) }
        let overrides = try parameters.overrides()
        let json = output.json
        var passed = 0, failed = 0, skipped = 0
        for id in ids {
            let results = try check(id, overrides: overrides, configuration: configuration, only: selected)
            if json {
                print(JSONValue.object([
                    "environment": .string(id),
                    "checks": .array(results.map { result in
                        switch result.outcome {
                        case .passed: return ["id": .string(result.id), "status": "passed"]
                        case .failed(let m): return ["id": .string(result.id), "status": "failed", "message": .string(m)]
                        case .skipped(let m): return ["id": .string(result.id), "status": "skipped", "message": .string(m)]
                        }
                    }),
                ]).encoded())
            } else {
                print(id)
            }
            for result in results {
                switch result.outcome {
                case .passed:
                    passed += 1
                    if !json { print("  ok    \(result.id)  \(result.summary)") }
                case .failed(let message):
                    failed += 1
                    if !json { print("  FAIL  \(result.id)  \(message)") }
                case .skipped(let reason):
                    skipped += 1
                    if !json { print("  skip  \(result.id)  \(reason)") }
                }
            }
        }
        if !json { print("check: \(passed) passed, \(failed) failed, \(skipped) skipped") }
        if failed > 0 { throw ExitCode(1) }
    }

    /// The checks of one environment: the parallel API's for a game whose players are all agents, else the
    /// suite's; a plugin that cannot make the environment, or that crashed destroying an instance (where
    /// nothing can throw), fails a check of its own.
    private func check(_ id: String, overrides: [String: Double], configuration: CheckConfiguration, only selected: Set<String>?) throws -> [CheckResult] {
        var results: [CheckResult]
        do {
            if try Registry.shared.spec(id).isMultiAgent {
                results = MultiAgentConformance.run({ try Registry.shared.makeMultiAgent(id, overrides: overrides) },
                                                    configuration: configuration, only: selected)
            } else {
                results = ConformanceSuite.run(try ConformanceSuite.standardFactory(id, overrides: overrides), configuration: configuration, only: selected)
            }
        } catch let error as PluginError {
            results = [CheckResult(id: "plugin.load", summary: "the plugin environment can be made", outcome: .failed("\(error)"))]
        }
        let unreported = Plugins.takeUnreportedFailures()
        for message in Set(unreported).sorted() {
            let times = unreported.filter { $0 == message }.count
            results.append(CheckResult(id: "plugin.destroy", summary: "instances are destroyed cleanly",
                                       outcome: .failed(times == 1 ? message : "\(message) (\(times) instances)")))
        }
        return results
    }
}
