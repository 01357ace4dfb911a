import Foundation
import XCTest

/// The pictures from the command line: episode animations, value maps and run reports.
final class VisualCommandsTests: CLITestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-visuals-\(getpid())-\(name.hashValue)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func frames(_ svg: String) -> Int { svg.components(separatedBy: "<g class=\"frame\"").count - 1 }

    func testRolloutWritesOneFramePerStepAndTheReset() throws {
        let path = directory.appendingPathComponent("episode.svg").path
        let result = try gym("rollout", "cartpole-v1", "--seed", "2", "--steps", "12", "--svg", path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("wrote \(path): 13 frames"), result.stdout)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(frames(svg), 13)
        XCTAssertTrue(svg.contains("step 12  "), "captions name the steps")
    }

    func testRolloutOfATrainedPolicyAndOfAGame() throws {
        let run = directory.appendingPathComponent("run").path
        XCTAssertEqual(try gym("train", "gridworld-v1", "--agent", "value-iteration", "--steps", "200", "--out", run).status, 0)
        let path = directory.appendingPathComponent("policy.svg").path
        let result = try gym("rollout", "gridworld-v1", "--checkpoint", run + "/agent.ckpt", "--svg", path)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertGreaterThan(frames(try String(contentsOfFile: path, encoding: .utf8)), 5)
        let game = directory.appendingPathComponent("game.svg").path
        XCTAssertEqual(try gym("rollout", "rock-paper-scissors-v2", "--steps", "3", "--svg", game).status, 0)
        XCTAssertEqual(frames(try String(contentsOfFile: game, encoding: .utf8)), 4)
    }

    func testSolveDrawsTheRiskyPolicyOfTheGridworld() throws {
        let path = directory.appendingPathComponent("values.svg").path
        let result = try gym("solve", "gridworld-v1", "--param", "living_reward=-2", "--svg", path)
        XCTAssertEqual(result.status, 0, result.stderr)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(svg.contains("living_reward = -2"), "the title names the parameter")
        XCTAssertEqual(svg.components(separatedBy: "<polygon").count - 1, 9, "an arrow in each of the 9 open cells that are not terminal")
        let notGrid = try gym("solve", "notes-two-state-v1", "--svg", path)
        XCTAssertEqual(notGrid.status, 2)
        XCTAssertTrue(notGrid.stderr.contains("is not a grid"), notGrid.stderr)
    }

    func testTrainWritesAReportWithItsSections() throws {
        let run = directory.appendingPathComponent("run").path
        let result = try gym("train", "frozen-lake-4x4-v1", "--agent", "q-learning", "--steps", "3000", "--out", run)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: run + "/report.html", encoding: .utf8)
        for id in ["curve", "final", "settings", "environment", "animation"] {
            XCTAssertTrue(html.contains("<section id=\"\(id)\">"), "no \(id) section")
        }
        XCTAssertTrue(html.contains("optimal expected"), "frozen lake's model gives the optimum")
        XCTAssertTrue(html.contains("learning_rate"), "the hyperparameters are listed")
        XCTAssertGreaterThan(frames(html), 1)
    }

    func testSelfPlayWritesAReportToo() throws {
        let run = directory.appendingPathComponent("self-play").path
        let result = try gym("train", "rock-paper-scissors-v2", "--self-play", "regret-matching", "--steps", "500", "--out", run)
        XCTAssertEqual(result.status, 0, result.stderr)
        let html = try String(contentsOfFile: run + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"curve\">") && html.contains("exploitability of the average policy"), html)
        XCTAssertTrue(html.contains(">rock</text>"), "the payoff table is drawn")
    }

    func testBrokenRenderExpressionIsAnInputError() throws {
        let path = directory.appendingPathComponent("broken.json").path
        try """
        {"format": "swiftgym.mdp/1", "id": "broken-v1", "kind": "dynamics", "state": [{"name": "x", "init": 0}],
         "actions": {"type": "discrete", "names": ["a"]}, "next": {"x": "x"}, "reward": "0",
         "observation": {"expressions": ["x"], "low": [-1], "high": [1]},
         "render": {"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": "x + + ", "cy": 0, "r": 1}]}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try gym("validate", path)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("$.render.shapes[0].cx"), result.stderr)
    }
}
