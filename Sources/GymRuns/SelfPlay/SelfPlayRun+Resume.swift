import Foundation
import Gym
import GymAgents
import GymGames
import GymJSON
import GymNN

/// `gym train --resume DIR` for a self-play run: run.json says what the run is. For a game learner,
/// agent.ckpt holds the learning's whole state and exploitability.csv what was recorded; for agents,
/// resume.ckpt holds every agent's training state (`ResumableAgent`, under `player.NAME.` keys), the
/// game's snapshot (under `environment.`) and the loop's (`AgentSelfPlayLoop`, under `loop.`).
extension SelfPlayRun {
    static let resumeFormat = "swiftgym.self-play-resume/1"

    /// Whether `directory` holds a self-play run (its run.json names `learners`).
    public static func isSelfPlay(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: directory + "/run.json"),
              let run = try? JSONReader.parse(String(decoding: data, as: UTF8.self), source: "run.json").plain else { return false }
        return run.objectValue?["learners"] != nil
    }

    /// - Throws: `GymError.invalidArgument` naming the file for a run that cannot be resumed.
    public init(resuming directory: String) throws {
        let checkpointPath = directory + "/agent.ckpt"
        let run = try SelfPlayRunRecord.read(from: directory)
        guard run.status != .finished else {
            throw GymError.invalidArgument("\(directory)/\(SelfPlayRunRecord.fileName): the run finished all its \(run.steps) steps; there is nothing to resume")
        }
        let learners = run.learners, id = run.environment
        let spec = try Registry.shared.spec(run.environmentFile.map { FileManager.default.fileExists(atPath: $0) ? $0 : id } ?? id)
        self.init(resolved: ResolvedEnvironment(spec: spec, overrides: [:]), learners: learners, seed: run.seed, steps: run.steps,
                  settings: run.settings ?? [:], sampled: run.sampled, evaluationInterval: run.evalEvery, directory: directory)
        guard isGameLearner else {
            let resumePath = directory + "/resume.ckpt"
            guard FileManager.default.fileExists(atPath: resumePath) else {
                throw GymError.invalidArgument("\(resumePath): no such file; this self-play run of \(learners.joined(separator: ",")) cannot be resumed "
                    + "(it stopped before its first evaluation, or its agents cannot save their training state)")
            }
            let checkpoint = try Checkpoint.read(from: resumePath)
            guard checkpoint.metadata["resume.format"] == SelfPlayRun.resumeFormat, checkpoint.metadata["environment"] == id,
                  checkpoint.metadata["learners"] == learners.joined(separator: ",") else {
                throw GymError.invalidArgument("\(resumePath): not the resume checkpoint of format \(SelfPlayRun.resumeFormat) of \(learners.joined(separator: ",")) on \(id)")
            }
            resumedAgents = checkpoint
            return
        }
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw GymError.invalidArgument("\(checkpointPath): no such file; the run stopped before its first checkpoint, so start it again")
        }
        let checkpoint = try Checkpoint.read(from: checkpointPath)
        if let recorded = try AgentCheckpoint.recordedSeed(checkpoint, path: checkpointPath), recorded != seed {
            throw GymError.invalidArgument("\(checkpointPath) was written with seed \(recorded), but run.json says \(seed)")
        }
        let state = try checkpoint.words("learning_state").map(Double.init(bitPattern:))
        guard let iterations = checkpoint.metadata["iterations"].flatMap(Int.init) else {
            throw GymError.invalidArgument("\(checkpointPath): no iteration count")
        }
        var points: [Point] = []
        let csv = (try? String(contentsOfFile: directory + "/exploitability.csv", encoding: .utf8)) ?? ""
        for line in csv.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count == 3, let step = Int(fields[0]), let average = Double(fields[1]), let current = Double(fields[2]) else { continue }
            if step <= iterations { points.append(Point(step: step, average: average, current: current)) }
        }
        resumed = (iterations, state, points)
    }
}

extension SelfPlayRun {
    /// The steps a resume.ckpt of agents records.
    static func resumedStep(_ checkpoint: Checkpoint) throws -> Int { try checkpoint.ints("loop.counters", count: 2)[0] }

    /// Puts every agent and the game back where resume.ckpt left them; the loop's state.
    /// - Throws: `GymError.invalidArgument` naming the file for agents or a game that cannot be restored,
    ///   or a checkpoint that does not fit them.
    func restore(_ agents: [Agent], _ env: MultiAgentEnvironment, _ game: NormalFormGame, from checkpoint: Checkpoint) throws -> AgentSelfPlayLoop {
        let path = directory + "/resume.ckpt"
        guard let snapshotting = env as? SnapshottingMultiAgentEnvironment, agents.allSatisfy({ $0 is ResumableAgent }) else {
            throw GymError.invalidArgument("\(path): self-play of \(learners.joined(separator: ",")) on \(resolved.id) cannot be resumed")
        }
        do {
            for (p, agent) in agents.enumerated() {
                try (agent as! ResumableAgent).restoreTrainingState(from: checkpoint.embedded("player.\(game.players[p])."))
            }
            var snapshot = EnvironmentSnapshot()
            for (key, value) in checkpoint.metadata where key.hasPrefix("environment.") { snapshot.entries[String(key.dropFirst(12))] = value }
            try snapshotting.restore(snapshot)
            return try AgentSelfPlayLoop(from: checkpoint, game: game)
        } catch {
            throw GymError.invalidArgument("\(path): \(error)")
        }
    }

    /// Writes resume.ckpt (atomically, as every checkpoint).
    func writeResume(_ agents: [Agent], _ env: MultiAgentEnvironment, _ loop: AgentSelfPlayLoop) throws {
        let players = env.possibleAgents
        var checkpoint = Checkpoint(metadata: ["resume.format": SelfPlayRun.resumeFormat, "environment": resolved.id,
                                               "learners": learners.joined(separator: ",")])
        for (p, agent) in agents.enumerated() {
            var state = Checkpoint()
            (agent as! ResumableAgent).saveTrainingState(into: &state)
            checkpoint.embed(state, as: "player.\(players[p]).")
        }
        for (key, value) in (env as! SnapshottingMultiAgentEnvironment).snapshot().entries { checkpoint.metadata["environment." + key] = value }
        loop.save(into: &checkpoint, players: players)
        try checkpoint.write(to: directory + "/resume.ckpt")
    }
}
