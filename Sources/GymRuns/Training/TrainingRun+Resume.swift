import Foundation
import Gym
import GymAgents
import GymNN
import GymPlugins

/// Resuming: resume.ckpt holds the agent's training state (`ResumableAgent`), the environment's snapshot
/// (`SnapshottingEnvironment`, or a vector's, under `environment.` keys) and the loop's (`TrainerState`),
/// but not the run's history: the episode log's closed rows are metrics.csv's first rows, which resume
/// takes back (`metrics.csv` is written before `resume.ckpt`, so it holds at least as many).
extension TrainingRun {
    /// Every run steps a vector (one copy for one environment) and saves the vector's snapshot.
    static let resumeFormat = "swiftgym.resume/3"

    /// The run in `directory`, as its run.json describes it, with its resume.ckpt; with `newTotal`, the
    /// same run going on to that many steps in all (a finished run trains further).
    /// - Throws: `GymError.invalidArgument` naming the file for a directory without a resumable run, a
    ///   finished run without `newTotal`, or a `newTotal` not past the steps already taken.
    public init(resuming directory: String, steps newTotal: Int? = nil) throws {
        let run = try TrainingRunRecord.read(from: directory)
        let runPath = directory + "/" + TrainingRunRecord.fileName, resumePath = directory + "/resume.ckpt"
        if run.status == .finished && newTotal == nil {
            throw GymError.invalidArgument("\(runPath): the run finished all its \(run.steps) steps; there is nothing to resume "
                + "(--steps N, more than \(run.steps), trains it further)")
        }
        guard FileManager.default.fileExists(atPath: resumePath) else {
            throw GymError.invalidArgument("\(resumePath): no such file; this run cannot be resumed "
                + "(only runs by agents and on environments that can save their whole state keep one)")
        }
        let checkpoint = try Checkpoint.read(from: resumePath)
        guard let format = checkpoint.metadata["resume.format"], format == TrainingRun.resumeFormat else {
            let earlier = checkpoint.metadata["resume.format"].map { " (it is of format \($0), written by an earlier version, which this one does not resume)" }
            throw GymError.invalidArgument("\(resumePath): not a resume checkpoint of format \(TrainingRun.resumeFormat)" + (earlier ?? ""))
        }
        if let newTotal {
            let taken: Int
            do { taken = try TrainerState.step(in: checkpoint) } catch { throw GymError.invalidArgument("\(resumePath): \(error)") }
            guard newTotal > taken else {
                throw GymError.invalidArgument("\(resumePath): the run has taken \(taken) steps; --steps \(newTotal) must be more")
            }
        }
        let spec: EnvironmentSpec
        do { spec = try Registry.shared.spec(run.environment) } catch GymError.unknownEnvironment {
            guard let file = run.environmentFile, FileManager.default.fileExists(atPath: file) else {
                throw GymError.unknownEnvironment(id: run.environment, suggestions: [])
            }
            spec = try Registry.shared.spec(file)
        }
        self.init(resolved: ResolvedEnvironment(spec: spec, overrides: run.parameters), agentName: run.agent, seed: run.seed,
                  steps: newTotal ?? run.steps, settings: run.settings, evaluationInterval: run.evaluationInterval,
                  evaluationEpisodes: run.evaluationEpisodes, directory: directory, resumed: (checkpoint, run.wallSeconds),
                  keepBest: run.keepBest ?? false)
    }

    /// Runs plugins isolated, with the run's timeout, when the run in `directory` ran them so (its
    /// run.json's `plugin_isolation`); called before any plugin is loaded, so that the environments
    /// and their snapshots are of the same kind as the run's. A run.json that cannot be read is left to
    /// `init(resuming:)` to report.
    public static func isolatePlugins(asIn directory: String) throws {
        guard Plugins.isolation == nil, let isolation = (try? TrainingRunRecord.read(from: directory))?.pluginIsolation else { return }
        Plugins.isolation = try PluginIsolation.locate(timeout: isolation.timeout)
    }

    /// Puts the agent and the environment (or the vector) back where the checkpoint left them; the loop's
    /// state, its episode log with the rows metrics.csv holds (`logInterval`: the log's interval for a
    /// checkpoint of an earlier version).
    func restore(_ agent: Agent, _ target: TrainingTarget, from checkpoint: Checkpoint, logInterval: Int) throws -> TrainerState {
        guard let resumable = agent as? ResumableAgent, target.canSaveState else {
            throw GymError.invalidArgument("\(resumePath): \(agentName) on \(id) cannot be resumed")
        }
        guard checkpoint.metadata["agent"] == agentName, checkpoint.metadata["environment"] == id else {
            throw GymError.invalidArgument("\(resumePath) is a checkpoint of \(checkpoint.metadata["agent"] ?? "?") on \(checkpoint.metadata["environment"] ?? "?"), "
                + "but run.json names \(agentName) on \(id)")
        }
        let rows: Int
        do { rows = try TrainerState.historyRows(in: checkpoint) } catch { throw GymError.invalidArgument("\(resumePath): \(error)") }
        let history = try MetricsFile.rows(in: metricsPath, count: rows)
        do {
            try resumable.restoreTrainingState(from: checkpoint)
            var snapshot = EnvironmentSnapshot()
            for (key, value) in checkpoint.metadata where key.hasPrefix("environment.") { snapshot.entries[String(key.dropFirst(12))] = value }
            try target.restore(snapshot)
            return try TrainerState(from: checkpoint, history: history, logInterval: logInterval)
        } catch {
            throw GymError.invalidArgument("\(resumePath): \(error)")
        }
    }

    /// Writes resume.ckpt (atomically, as every checkpoint).
    static func writeResume(_ agent: ResumableAgent, _ snapshot: EnvironmentSnapshot, environmentID: String, _ loop: TrainerState,
                            to path: String) throws {
        var checkpoint = Checkpoint(metadata: ["resume.format": resumeFormat, "agent": agent.name, "environment": environmentID])
        agent.saveTrainingState(into: &checkpoint)
        for (key, value) in snapshot.entries { checkpoint.metadata["environment." + key] = value }
        loop.save(into: &checkpoint)
        try checkpoint.write(to: path)
    }
}
