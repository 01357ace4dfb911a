import Foundation
import XCTest

/// `gym train --keep-best`, `--help-agent` and `--threads`.
final class TrainOptionsTests: CLITestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-train-options-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testKeepBestKeepsTheBestEvaluationsAgent() throws {
        let run = directory.appendingPathComponent("best").path
        let result = try gym("train", "cartpole-v1", "--agent", "ppo", "--steps", "8000", "--eval-every", "1000", "--keep-best",
                             "--set", "hidden_sizes=16", "--out", run)
        XCTAssertEqual(result.status, 0, result.stderr)
        let evaluations = try String(contentsOfFile: run + "/evaluations.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { Double($0.split(separator: ",")[1])! }
        let best = evaluations.max()!
        XCTAssertTrue(result.stdout.contains(String(format: "kept best.ckpt: the best evaluation, %.3f at step", best)), result.stdout)
        let run2 = try String(contentsOfFile: run + "/run.json", encoding: .utf8)
        XCTAssertTrue(run2.contains("\"best_evaluation\""), run2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run + "/best.ckpt"))
        let html = try String(contentsOfFile: run + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("kept in best.ckpt"), "the report says which checkpoint is the best one")
        let help = try gym("train", "--help-agent", "ppo")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("num_envs") && help.stdout.contains("RL Zoo"), help.stdout)
    }

    /// DDPG and SAC at their default batches of 256 rows through 256x256 layers, whose products, Adam steps
    /// and target updates run in row blocks on 2 and 3 threads, end with the one-thread run's very files.
    func testThreadsChangeNoNumberOfTheActorCritics() throws {
        for (agent, steps) in [("dpg", "1200"), ("sac", "300")] {
            var files: [[Data?]] = []
            for threads in ["1", "2", "3"] {
                let run = directory.appendingPathComponent("\(agent)-\(threads)").path
                let result = try gym("train", "pendulum-v1", "--agent", agent, "--steps", steps, "--eval-every", "600", "--eval-episodes", "1",
                                     "--threads", threads, "--out", run)
                XCTAssertEqual(result.status, 0, result.stderr)
                files.append(["agent.ckpt", "resume.ckpt", "metrics.csv"].map { FileManager.default.contents(atPath: run + "/" + $0) })
            }
            XCTAssertNotNil(files[0][0])
            XCTAssertTrue(files[1] == files[0] && files[2] == files[0], "\(agent): another thread count changed the run")
        }
        let tooMany = try gym("train", "pendulum-v1", "--agent", "dpg", "--threads", "65")
        XCTAssertEqual(tooMany.status, 2)
        XCTAssertTrue(tooMany.stderr.contains("--threads must be at most 64, not 65"), tooMany.stderr)
    }
}
