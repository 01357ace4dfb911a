import ArgumentParser
import Foundation
import GymRuns

/// `gym train`'s terminal side of a self-play run: SIGINT and SIGTERM stop it, a line per evaluation,
/// and the final policies at the end.
extension SelfPlayRun {
    /// Learns (`start`), and prints what happened.
    /// - Throws: `ExitCode` 130 or 143 when a signal stopped it; the errors of `start`.
    func execute(json: Bool) throws {
        let interruption = TrainingInterruption()
        let outcome = try start(stopRequested: { interruption.signal != nil }, started: { resumedAt in
            guard !json else { return }
            print(resumedAt.map { "resuming self-play of \(learners.joined(separator: ",")) on \(resolved.id) at step \($0) of \(steps) -> \(directory)" }
                  ?? "self-play of \(learners.joined(separator: ",")) on \(resolved.id) for \(steps) steps, seed \(seed) -> \(directory)")
        }, progress: { point in
            guard !json else { return }
            print(String(format: "step %d/%d  exploitability average %.6f  current %.6f", point.step, steps, point.average, point.current))
            fflush(stdout)
        })
        if let stoppedAt = outcome.interruptedAt {
            if json { print(try outcome.record.encoded()) }
            printError("interrupted by \(interruption.name) at step \(stoppedAt) of \(steps): "
                       + (isGameLearner ? "agent.ckpt holds the learning as it was then" : "the files hold the run up to its last evaluation")
                       + (outcome.resumable ? "; gym train --resume \(directory) continues it"
                          : " (these agents cannot save their training state, so it cannot be resumed)"))
            throw ExitCode(interruption.exitCode)
        }
        if json {
            print(try outcome.record.encoded())
            return
        }
        let last = outcome.points.last!, game = outcome.game
        print(String(format: "done in %.2fs: exploitability of the average policy %.6f, of the current policy %.6f", outcome.seconds, last.average, last.current))
        for p in game.players.indices {
            print("  \(game.players[p]) average: \(ProfileJSON.text(outcome.average[p], actions: game.actions[p]))")
            print("  \(game.players[p]) current: \(ProfileJSON.text(outcome.current[p], actions: game.actions[p]))")
        }
        print("files: exploitability.csv, curve.svg, report.html, agent.ckpt, run.json")
    }
}
