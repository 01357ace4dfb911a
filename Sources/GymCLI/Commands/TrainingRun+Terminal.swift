import ArgumentParser
import Foundation
import GymAgents
import GymRuns

/// `gym train`'s terminal side of a training run: SIGINT and SIGTERM stop it, a progress line while it
/// runs, and what it did at the end.
extension TrainingRun {
    /// Trains (`start`), and prints what happened.
    /// - Throws: `ExitCode` 130 or 143 when a signal stopped it; the errors of `start`.
    func execute(json: Bool) throws {
        let interruption = TrainingInterruption()
        let interactive = isatty(STDOUT_FILENO) != 0 && !json
        let outcome = try start(stopRequested: { interruption.signal != nil }, started: { resumedAt in
            guard !json else { return }
            print(resumedAt.map { "resuming \(agentName) on \(id) at step \($0) of \(steps), seed \(seed) -> \(directory)" }
                  ?? "training \(agentName) on \(id) for \(steps) steps, seed \(seed) -> \(directory)")
        }, progress: { p in
            guard !json else { return }
            let remaining = Double(p.totalSteps - p.step) / max(p.stepsPerSecond, 1e-9)
            let line = String(format: "step %d/%d  episodes %d  recent return %@  eval %@  %.0f steps/s  ETA %.0fs",
                              p.step, p.totalSteps, p.episodes, p.recentMeanReturn.map { String(format: "%.2f", $0) } ?? "-",
                              p.lastEvaluation.map { String(format: "%.2f ± %.2f", $0.mean, $0.standardDeviation) } ?? "-",
                              p.stepsPerSecond, remaining)
            if interactive { print("\r" + line, terminator: "\u{1B}[K") } else { print(line) }
            fflush(stdout)
        })
        if interactive { print("") }
        if let stoppedAt = outcome.interruptedAt {
            if json { print(try outcome.record.encoded()) }
            printError("interrupted by \(interruption.name) at step \(stoppedAt) of \(steps): \(directory) holds the episodes and evaluations so far, "
                       + "the agent as it was then (agent.ckpt) and run.json marked \"interrupted\""
                       + (outcome.resumable ? "; gym train --resume \(directory) continues it" : ""))
            throw ExitCode(interruption.exitCode)
        }
        if json {
            print(try outcome.record.encoded())
            return
        }
        let last = outcome.evaluations.last!
        print(String(format: "done in %.1fs: final evaluation %.3f ± %.3f (standard error of %d %@ episodes; gym evaluate measures more); "
                     + "wrote metrics.csv, evaluations.csv, curve.svg, report.html, agent.ckpt, run.json",
                     outcome.seconds, last.mean, last.standardError, last.returns.count, outcome.hasGreedyPolicy ? "greedy" : "random"))
        if let best = outcome.bestEvaluation {
            print(String(format: "kept best.ckpt: the best evaluation, %.3f at step %d (the final policy above is agent.ckpt's)", best.mean, best.step))
        }
        for line in outcome.trainingReport { print(line) }
    }
}
