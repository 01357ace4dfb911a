import Foundation
import XCTest

/// `gym sweep` made here: the grid's runs and their names, the files a run leaves, a sweep run again
/// keeping what finished, and failures reported by name. (On a Ray cluster: python/integration/test_ray.py.)
final class SweepTests: CLITestCase {
    private func scratch(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gym-sweep-\(getpid())-\(name)").path
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    private func runNames(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory + "/runs").filter { !$0.hasPrefix(".") }.sorted()
    }

    func testEveryAgentAtEveryPointOfItsGridOnEverySeed() throws {
        let dir = scratch("grid")
        let sweep = try gym("sweep", "corridor-v0", "--agents", "q-learning,sarsa", "--seeds", "2", "--steps", "500",
                            "--grid", "q-learning.learning_rate=0.1,0.5", "--grid", "epsilon_end=0.1,0.2", "--out", dir)
        XCTAssertEqual(sweep.status, 0, sweep.stderr)
        // q-learning: 2 learning rates × 2 epsilons × 2 seeds; sarsa: 2 epsilons × 2 seeds.
        XCTAssertEqual(try runNames(dir), [
            "q-learning-learning_rate=0.1-epsilon_end=0.1-seed0", "q-learning-learning_rate=0.1-epsilon_end=0.1-seed1",
            "q-learning-learning_rate=0.1-epsilon_end=0.2-seed0", "q-learning-learning_rate=0.1-epsilon_end=0.2-seed1",
            "q-learning-learning_rate=0.5-epsilon_end=0.1-seed0", "q-learning-learning_rate=0.5-epsilon_end=0.1-seed1",
            "q-learning-learning_rate=0.5-epsilon_end=0.2-seed0", "q-learning-learning_rate=0.5-epsilon_end=0.2-seed1",
            "sarsa-epsilon_end=0.1-seed0", "sarsa-epsilon_end=0.1-seed1", "sarsa-epsilon_end=0.2-seed0", "sarsa-epsilon_end=0.2-seed1",
        ])
        XCTAssertTrue(sweep.stdout.contains("12 runs (6 configurations × 2 seeds)"), sweep.stdout)
        XCTAssertTrue(sweep.stdout.contains("q-learning learning_rate=0.5 epsilon_end=0.2"), sweep.stdout)
        for file in ["sweep.svg", "sweep.csv", "sweep.html"] { XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + file), file) }
        // A run is the gym train it records, with the grid's values among its settings.
        let run = dir + "/runs/q-learning-learning_rate=0.5-epsilon_end=0.2-seed1"
        let arguments = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/arguments.json"))) as? [String])
        XCTAssertEqual(Array(arguments.prefix(2)), ["train", "corridor-v0"])
        XCTAssertTrue(arguments.joined(separator: " ").contains("--seed 1 --steps 500 --eval-episodes 5 --json --set epsilon_end=0.2 --set learning_rate=0.5"),
                      arguments.joined(separator: " "))
        let recorded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/run.json"))) as? [String: Any])
        XCTAssertEqual((recorded["settings"] as? [String: String])?["learning_rate"], "0.5")
        XCTAssertEqual(recorded["seed"] as? Int, 1)
    }

    func testThreadsReachEveryRunAndChangeNoNumber() throws {
        let dir = scratch("threads"), alone = scratch("threads-alone")
        XCTAssertEqual(try gym("sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "1", "--steps", "300", "--threads", "2", "--out", dir).status, 0)
        let run = dir + "/runs/q-learning-seed0"
        let arguments = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run + "/arguments.json"))) as? [String])
        XCTAssertTrue(arguments.joined(separator: " ").contains("--json --threads 2"), arguments.joined(separator: " "))
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "300", "--out", alone).status, 0)
        XCTAssertEqual(FileManager.default.contents(atPath: run + "/agent.ckpt"), FileManager.default.contents(atPath: alone + "/agent.ckpt"))
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "q-learning", "--threads", "0").status, 2)
    }

    func testTheSameRunsGiveTheSameFilesAsGymTrain() throws {
        let dir = scratch("same")
        XCTAssertEqual(try gym("sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "1", "--steps", "800", "--out", dir).status, 0)
        let alone = scratch("alone")
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "800", "--out", alone).status, 0)
        for file in ["agent.ckpt", "evaluations.csv", "metrics.csv"] {
            XCTAssertEqual(FileManager.default.contents(atPath: dir + "/runs/q-learning-seed0/" + file),
                           FileManager.default.contents(atPath: alone + "/" + file), file)
        }
    }

    func testASweepRunAgainKeepsWhatFinishedAndMakesTheRest() throws {
        let dir = scratch("again")
        let arguments = ["sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "2", "--steps", "500", "--out", dir]
        XCTAssertEqual(try gym(arguments).status, 0)
        let checkpoint = dir + "/runs/q-learning-seed1/agent.ckpt"
        let before = try FileManager.default.attributesOfItem(atPath: checkpoint)[.modificationDate] as? Date
        // One run cut short: its arguments.json, written last, is missing.
        try FileManager.default.removeItem(atPath: dir + "/runs/q-learning-seed0/arguments.json")
        let again = try gym(arguments)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("q-learning-seed1: kept from the earlier sweep"), again.stdout)
        XCTAssertTrue(again.stdout.contains("q-learning-seed0: final evaluation"), again.stdout)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: checkpoint)[.modificationDate] as? Date, before)
        // Other steps are other arguments: nothing is kept.
        let longer = try gym(arguments.map { $0 == "500" ? "600" : $0 })
        XCTAssertFalse(longer.stdout.contains("kept"), longer.stdout)
    }

    func testAFailedRunIsNamedTriedOnceMoreAndTheOthersAreKept() throws {
        let dir = scratch("failed")
        let sweep = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "1", "--steps", "500",
                            "--grid", "learning_rate=0.1,oops", "--out", dir)
        XCTAssertEqual(sweep.status, 1, sweep.stdout + sweep.stderr)
        XCTAssertTrue(sweep.stderr.contains("q-learning-learning_rate=oops-seed0: failed (gym train exited with status 2: "), sweep.stderr)
        XCTAssertTrue(sweep.stderr.contains("learning_rate"), sweep.stderr)
        XCTAssertTrue(sweep.stderr.contains("trying it once more") && sweep.stderr.contains("failed again"), sweep.stderr)
        XCTAssertTrue(sweep.stderr.contains("1 of 2 runs failed twice: q-learning-learning_rate=oops-seed0"), sweep.stderr)
        XCTAssertTrue(sweep.stdout.contains("q-learning learning_rate=oops  failed"), sweep.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/runs/q-learning-learning_rate=0.1-seed0/agent.ckpt"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/sweep.html"))
    }

    func testBadGridsAndDriversAreUsageErrors() throws {
        let dir = scratch("bad")
        let noValues = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--grid", "learning_rate=", "--out", dir)
        XCTAssertEqual(noValues.status, 2)
        XCTAssertTrue(noValues.stderr.contains("learning_rate="), noValues.stderr)
        let twice = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--grid", "epsilon_end=0.1", "--grid", "epsilon_end=0.2", "--out", dir)
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("--grid epsilon_end is given twice"), twice.stderr)
        // A key no agent of the sweep has is refused before any run starts.
        let typo = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--grid", "epsilon=0.1,0.2", "--out", dir + "-typo")
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("q-learning has no setting 'epsilon'; did you mean 'epsilon_end'?"), typo.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "-typo/runs"))
        let pythonAlone = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--python", "python3", "--out", dir)
        XCTAssertEqual(pythonAlone.status, 2)
        XCTAssertTrue(pythonAlone.stderr.contains("give --ray ADDRESS with it"), pythonAlone.stderr)
        let noDriver = try gym("sweep", "corridor-v0", "--agents", "q-learning", "--seeds", "1", "--steps", "100",
                               "--ray", "local", "--python", "/nonexistent/python", "--out", dir)
        XCTAssertEqual(noDriver.status, 2, noDriver.stdout)
        XCTAssertTrue(noDriver.stderr.contains("/nonexistent/python"), noDriver.stderr)
    }
}
