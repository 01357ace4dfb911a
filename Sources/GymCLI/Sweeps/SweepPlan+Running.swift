import Foundation
import GymRuns

extension SweepPlan {
    /// What a sweep made: the outcome of every run that finished, and the reason of every run that failed twice.
    struct Results {
        var outcomes: [String: RunOutcome] = [:]
        var failures: [String: String] = [:]
        /// The sweep's wall time.
        var seconds: Double = 0
    }

    /// Makes the runs with `executor`, printing one line as each ends (failures on standard error; nothing
    /// on standard output with `quiet`).
    /// - Throws: the executor's errors, and `GymError.invalidArgument` for a finished run whose files cannot be read.
    func make(with executor: SweepExecutor, quiet: Bool) throws -> Results {
        var results = Results()
        let start = Date()
        var unreadable: Error?
        func read(_ run: Run) -> RunOutcome? {
            do {
                let outcome = try RunOutcome(run: run, directory: directory(of: run))
                results.outcomes[run.name] = outcome
                return outcome
            } catch {
                unreadable = unreadable ?? error
                return nil
            }
        }
        results.failures = try executor.execute(self) { event in
            switch event {
            case .finished(let run, let node):
                guard let outcome = read(run), !quiet else { return }
                print(String(format: "  %@: final evaluation %.3f in %.1f s", run.name, outcome.finalMean, outcome.seconds) + (node.map { " on \($0)" } ?? ""))
            case .kept(let run):
                guard let outcome = read(run), !quiet else { return }
                print(String(format: "  %@: kept from the earlier sweep in this directory (final evaluation %.3f)", run.name, outcome.finalMean))
            case .retrying(let run, let reason):
                printError("  \(run.name): failed (\(reason)); trying it once more")
            case .failed(let run, let reason):
                printError("  \(run.name): failed again (\(reason))")
            }
            fflush(stdout)
        }
        if let unreadable { throw unreadable }
        results.seconds = Date().timeIntervalSince(start)
        return results
    }
}
