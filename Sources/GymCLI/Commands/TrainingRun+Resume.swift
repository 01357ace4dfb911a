import ArgumentParser
import Foundation
import Gym
import GymAgents
import GymJSON
import GymNN
import GymPlugins

/// Resuming: resume.ckpt holds the agent's training state (`ResumableAgent`), the environment's snapshot
/// (`SnapshottingEnvironment`, or a vector's, under `environment.` keys) and the loop's (`TrainerState`).
extension TrainingRun {
    static let resumeFormat = "swiftgym.resume/1"

    /// The run in `directory`, as its run.json describes it, with its resume.ckpt; with `newTotal`, the
    /// same run going on to that many steps in all (a finished run trains further).
    /// - Throws: `GymError.invalidArgument` naming the file for a directory without a resumable run, a
    ///   finished run without `newTotal`, or a `newTotal` not past the steps already taken.
    init(resuming directory: String, steps newTotal: Int? = nil) throws {
        let runPath = directory + "/run.json", resumePath = directory + "/resume.ckpt"
        guard let text = FileManager.default.contents(atPath: runPath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw GymError.invalidArgument("\(runPath): no such file; --resume takes the directory of a gym train run")
        }
        let run = try JSONReader.parse(text, source: runPath).plain
        func field<T>(_ name: String, _ read: (JSONValue) -> T?) throws -> T {
            guard let value = run.objectValue?[name].flatMap(read) else { throw GymError.invalidArgument("\(runPath): no usable '\(name)'") }
            return value
        }
        let status: String = try field("status") { $0.stringValue }
        let steps: Int = try field("steps") { $0.intValue }
        if status == "finished" && newTotal == nil {
            throw GymError.invalidArgument("\(runPath): the run finished all its \(steps) steps; there is nothing to resume "
                + "(--steps N, more than \(steps), trains it further)")
        }
        guard FileManager.default.fileExists(atPath: resumePath) else {
            throw GymError.invalidArgument("\(resumePath): no such file; this run cannot be resumed "
                + "(only runs by agents and on environments that can save their whole state keep one)")
        }
        let checkpoint = try Checkpoint.read(from: resumePath)
        guard checkpoint.metadata["resume.format"] == TrainingRun.resumeFormat else {
            throw GymError.invalidArgument("\(resumePath): not a resume checkpoint of format \(TrainingRun.resumeFormat)")
        }
        if let newTotal {
            let taken: Int
            do { taken = try TrainerState(from: checkpoint).step } catch { throw GymError.invalidArgument("\(resumePath): \(error)") }
            guard newTotal > taken else {
                throw GymError.invalidArgument("\(resumePath): the run has taken \(taken) steps; --steps \(newTotal) must be more")
            }
        }
        let id: String = try field("environment") { $0.stringValue }
        let file = run.objectValue?["environment_file"]?.stringValue
        let spec: EnvironmentSpec
        do { spec = try Registry.shared.spec(id) } catch GymError.unknownEnvironment {
            guard let file, FileManager.default.fileExists(atPath: file) else { throw GymError.unknownEnvironment(id: id, suggestions: []) }
            spec = try Registry.shared.spec(file)
        }
        let parameters: [String: JSONValue] = try field("parameters") { $0.objectValue }
        let settings: [String: JSONValue] = try field("settings") { $0.objectValue }
        self.init(resolved: ResolvedEnvironment(spec: spec, overrides: parameters.compactMapValues(\.doubleValue)),
                  agentName: try field("agent") { $0.stringValue }, seed: try field("seed") { $0.doubleValue.flatMap { UInt64(exactly: $0) } },
                  steps: newTotal ?? steps, settings: settings.compactMapValues(\.stringValue),
                  evaluationInterval: try field("evaluation_interval") { $0.intValue }, evaluationEpisodes: try field("evaluation_episodes") { $0.intValue },
                  directory: directory, resumed: (checkpoint, try field("wall_seconds") { $0.doubleValue }),
                  keepBest: run.objectValue?["keep_best"]?.boolValue ?? false)
    }

    /// Runs plugins isolated, with the run's timeout, when the run in `directory` ran them so (its
    /// run.json's `plugin_isolation`); called before any plugin is loaded, so that the environments
    /// and their snapshots are of the same kind as the run's. A run.json that cannot be read is left to
    /// `init(resuming:)` to report.
    static func isolatePlugins(asIn directory: String) throws {
        guard Plugins.isolation == nil, let data = FileManager.default.contents(atPath: directory + "/run.json"),
              let run = try? JSONReader.parse(String(decoding: data, as: UTF8.self), source: directory + "/run.json").plain,
              let isolation = run.objectValue?["plugin_isolation"]?.objectValue else { return }
        Plugins.isolation = try PluginIsolation.locate(timeout: isolation["timeout"]?.doubleValue ?? PluginIsolation.defaultTimeout)
    }

    /// Puts the agent and the environment (or the vector) back where the checkpoint left them; the loop's state.
    func restore(_ agent: Agent, _ target: TrainingTarget, from checkpoint: Checkpoint) throws -> TrainerState {
        guard let resumable = agent as? ResumableAgent, target.canSaveState else {
            throw GymError.invalidArgument("\(resumePath): \(agentName) on \(id) cannot be resumed")
        }
        guard checkpoint.metadata["agent"] == agentName, checkpoint.metadata["environment"] == id else {
            throw GymError.invalidArgument("\(resumePath) is a checkpoint of \(checkpoint.metadata["agent"] ?? "?") on \(checkpoint.metadata["environment"] ?? "?"), "
                + "but run.json names \(agentName) on \(id)")
        }
        do {
            try resumable.restoreTrainingState(from: checkpoint)
            var snapshot = EnvironmentSnapshot()
            for (key, value) in checkpoint.metadata where key.hasPrefix("environment.") { snapshot.entries[String(key.dropFirst(12))] = value }
            try target.restore(snapshot)
            return try TrainerState(from: checkpoint)
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
