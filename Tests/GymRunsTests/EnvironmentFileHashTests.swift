import Foundation
import GymAgents
import GymNN
import GymRuns
import XCTest

/// The environment's file is read for its hash once per run, not once per checkpoint the run writes.
final class EnvironmentFileHashTests: RunTestCase {
    func testATrainingRunHashesItsEnvironmentFileOnce() throws {
        let file = Self.root.appendingPathComponent("Environments/frozen-lake-4x4-v1.json").path
        let directory = temporary("hash")
        var run = TrainingRun(resolved: try ResolvedEnvironment(id: file), agentName: "q-learning", seed: 1, steps: 6000,
                              evaluationInterval: 200, directory: directory, keepBest: true)
        var hashed: [String] = []
        run.hashEnvironmentFile = { path in
            hashed.append(path)
            return AgentCheckpoint.contentHash(of: path)
        }
        let outcome = try run.start()
        XCTAssertEqual(outcome.evaluations.count, 30)
        XCTAssertEqual(hashed, [file], "the file is hashed once per run, whatever the number of checkpoints")
        for name in ["agent.ckpt", "best.ckpt"] {
            let checkpoint = try Checkpoint.read(from: directory + "/" + name)
            XCTAssertEqual(checkpoint.metadata["environment_hash"], AgentCheckpoint.contentHash(of: file), name)
            XCTAssertEqual(checkpoint.metadata["environment_file"], URL(fileURLWithPath: file).standardizedFileURL.path, name)
        }
    }
}
