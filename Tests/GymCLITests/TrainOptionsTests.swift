import Foundation
import XCTest

/// `gym train --keep-best` and `--help-agent`.
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
}
