import Foundation
import Gym
import GymGames
import GymJSON
import GymNN

/// `gym train --resume DIR` for a self-play run of a game learner: run.json says what the run is,
/// agent.ckpt holds the learning's whole state, exploitability.csv what was recorded.
extension SelfPlayRun {
    /// Whether `directory` holds a self-play run (its run.json names `learners`).
    static func isSelfPlay(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: directory + "/run.json"),
              let run = try? JSONReader.parse(String(decoding: data, as: UTF8.self), source: "run.json").plain else { return false }
        return run.objectValue?["learners"] != nil
    }

    /// - Throws: `GymError.invalidArgument` naming the file for a run that cannot be resumed.
    init(resuming directory: String) throws {
        let runPath = directory + "/run.json", checkpointPath = directory + "/agent.ckpt"
        let text = String(decoding: FileManager.default.contents(atPath: runPath) ?? Data(), as: UTF8.self)
        let run = try JSONReader.parse(text, source: runPath).plain
        func field<T>(_ name: String, _ read: (JSONValue) -> T?) throws -> T {
            guard let value = run.objectValue?[name].flatMap(read) else { throw GymError.invalidArgument("\(runPath): no usable '\(name)'") }
            return value
        }
        let learners: [String] = try field("learners") { $0.arrayValue?.compactMap(\.stringValue) }
        let steps: Int = try field("steps") { $0.intValue }
        guard try field("status", { $0.stringValue }) != "finished" else {
            throw GymError.invalidArgument("\(runPath): the run finished all its \(steps) steps; there is nothing to resume")
        }
        guard learners.count == 1, GameLearnerKind(rawValue: learners[0]) != nil else {
            throw GymError.invalidArgument("\(runPath): self-play of agents (\(learners.joined(separator: ","))) cannot be resumed; only game learners' runs can")
        }
        let id: String = try field("environment") { $0.stringValue }
        let file = run.objectValue?["environment_file"]?.stringValue
        let spec = try Registry.shared.spec(file.map { FileManager.default.fileExists(atPath: $0) ? $0 : id } ?? id)
        let settings = (run.objectValue?["settings"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        self.init(resolved: ResolvedEnvironment(spec: spec, overrides: [:]), learners: learners,
                  seed: UInt64(try field("seed") { $0.intValue }), steps: steps, settings: settings,
                  sampled: try field("sampled") { if case .bool(let b) = $0 { return b } else { return nil } },
                  evaluationInterval: try field("eval_every") { $0.intValue }, directory: directory)
        guard FileManager.default.fileExists(atPath: checkpointPath) else {
            throw GymError.invalidArgument("\(checkpointPath): no such file; the run stopped before its first checkpoint, so start it again")
        }
        let checkpoint = try Checkpoint.read(from: checkpointPath)
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
