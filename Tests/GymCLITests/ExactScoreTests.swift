import Foundation
import XCTest

/// `gym evaluate`: where the greedy policy's value is known exactly, the headline, the shortfall and the
/// normalised score are of that value, and the sampled mean is reported beside it as sampled.
final class ExactScoreTests: CLITestCase {
    /// From `start`: `gamble` pays 10 with p 0.1 (1 expected), `bad` pays 0, `wait` goes the long way:
    /// 8 with p 0.1 from `mid`, then 1 from `late`. Episodes are cut at 2 steps, so value iteration's
    /// plan (the long way, 1.8 uncut) gets 0.8 exactly: the optimum is 1, uniform play 0.6, and the score
    /// (0.8 - 0.6) / (1 - 0.6) = 0.5. Its few sampled episodes mostly pay 0, a score below 0.
    static let longWay = """
        {"format": "swiftgym.mdp/1", "id": "long-way-v1", "kind": "tabular", "discount": 1, "max_episode_steps": 2,
         "states": ["start", "mid", "late", "end"], "actions": ["gamble", "wait", "bad"], "start": "start", "terminal": ["end"],
         "transitions": {
           "start": {"gamble": [{"p": 0.1, "to": "end", "reward": 10}, {"p": 0.9, "to": "end"}],
                     "wait": [{"p": 1, "to": "mid"}], "bad": [{"p": 1, "to": "end"}]},
           "mid": {"gamble": [{"p": 0.1, "to": "late", "reward": 8}, {"p": 0.9, "to": "late"}],
                   "wait": [{"p": 0.1, "to": "late", "reward": 8}, {"p": 0.9, "to": "late"}],
                   "bad": [{"p": 0.1, "to": "late", "reward": 8}, {"p": 0.9, "to": "late"}]},
           "late": {"gamble": [{"p": 1, "to": "end", "reward": 1}], "wait": [{"p": 1, "to": "end", "reward": 1}],
                    "bad": [{"p": 1, "to": "end", "reward": 1}]}}}
        """

    func testTheScoreComesFromTheExactValueAndTheSampledMeanStandsBesideIt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-exact-score-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/long-way-v1.json"
        try ExactScoreTests.longWay.write(toFile: file, atomically: true, encoding: .utf8)
        let train = try gym("train", file, "--agent", "value-iteration", "--steps", "10", "--out", dir + "/run")
        XCTAssertEqual(train.status, 0, train.stderr)
        let checkpoint = dir + "/run/agent.ckpt"

        // A seed whose 5 episodes fall below uniform play, so that the sampled score has the other sign.
        var found: (seed: String, object: [String: Any])?
        for seed in 0..<20 where found == nil {
            let result = try gym("evaluate", file, "--checkpoint", checkpoint, "--episodes", "5", "--seed", "\(seed)", "--json")
            XCTAssertEqual(result.status, 0, result.stderr)
            let object = try XCTUnwrap(jsonLines(result.stdout).first)
            if (object["discounted_mean"] as! Double) < (object["random_start_value"] as! Double) { found = ("\(seed)", object) }
        }
        let (seed, object) = try XCTUnwrap(found, "no seed of 20 sampled below uniform play")
        let optimum = object["optimal_start_value"] as! Double, random = object["random_start_value"] as! Double
        let exact = object["policy_start_value"] as! Double, sampled = object["discounted_mean"] as! Double
        XCTAssertEqual(optimum, 1, accuracy: 1e-12)
        XCTAssertEqual(random, 0.6, accuracy: 1e-12)
        XCTAssertEqual(exact, 0.8, accuracy: 1e-12)
        let score = (exact - random) / (optimum - random), sampledScore = (sampled - random) / (optimum - random)
        XCTAssertGreaterThan(score, 0)
        XCTAssertLessThan(sampledScore, 0)
        XCTAssertEqual(object["normalised_score"] as! Double, score, accuracy: 1e-12)
        XCTAssertEqual(object["shortfall"] as! Double, optimum - exact, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(object["sampled_normalised_score"] as? Double), sampledScore, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(object["sampled_shortfall"] as? Double), optimum - sampled, accuracy: 1e-12)
        XCTAssertEqual(object["score_from"] as? String, "policy_start_value")

        let text = try gym("evaluate", file, "--checkpoint", checkpoint, "--episodes", "5", "--seed", seed)
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("value-iteration on long-way-v1, acting greedy: expected return from the start 0.8000, exactly on the model"), text.stdout)
        XCTAssertTrue(lines[0].hasSuffix(String(format: "normalised score %.3f", score)), text.stdout)
        XCTAssertTrue(lines[1].hasPrefix("sampled, 5 episodes acting greedy: return "), text.stdout)
        XCTAssertTrue(text.stdout.contains(String(format: "exactly on the model: 0.8000; shortfall %.4f", optimum - exact)), text.stdout)
        XCTAssertTrue(text.stdout.contains(String(format: "normalised score %.3f (1 optimal, 0 random), of the exact value", score)), text.stdout)
        XCTAssertTrue(text.stdout.contains(String(format: "  sampled: achieved %.4f", sampled)), text.stdout)
        XCTAssertTrue(text.stdout.contains(String(format: "shortfall %.4f, normalised score %.3f", optimum - sampled, sampledScore)), text.stdout)
    }
}
