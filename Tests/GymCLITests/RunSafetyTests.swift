import Foundation
import XCTest

/// Runs lose nothing: a signal stops training at a clean point with the run directory whole, and a
/// damaged checkpoint is an input error, never a crash.
final class RunSafetyTests: CLITestCase {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gym-runs-\(getpid())-\(name)").path
    }

    func testASignalStopsTrainingWithTheRunDirectoryWhole() throws {
        for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            let directory = temporary("signal\(signal)")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let process = Process()
            process.executableURL = CLITestCase.binary
            process.arguments = ["train", "cartpole-v1", "--agent", "dqn", "--steps", "10000000", "--eval-every", "2000", "--out", directory]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // The handler is in place before the first line; wait for an evaluation, then interrupt.
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: directory + "/agent.ckpt") && Date() < deadline { usleep(20_000) }
            kill(process.processIdentifier, signal)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            _ = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "ended by a signal: \(stderr)")
            XCTAssertEqual(process.terminationStatus, status, stderr)
            XCTAssertTrue(stderr.contains("interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM") at step"), stderr)
            let run = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/run.json"))) as? [String: Any])
            XCTAssertEqual(run["status"] as? String, "interrupted")
            let done = try XCTUnwrap(run["steps_done"] as? Int)
            XCTAssertGreaterThanOrEqual(done, 2000)
            XCTAssertLessThan(done, 10_000_000)
            let evaluations = try String(contentsOfFile: directory + "/evaluations.csv", encoding: .utf8)
            XCTAssertGreaterThan(evaluations.split(separator: "\n").count, 1)
            // The checkpoint is whole and loads.
            let act = try gym("evaluate", "cartpole-v1", "--checkpoint", directory + "/agent.ckpt", "--episodes", "2")
            XCTAssertEqual(act.status, 0, act.stderr)
        }
    }

    func testDamagedCheckpointsAreInputErrors() throws {
        let directory = temporary("damaged")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertEqual(try gym("train", "cartpole-v1", "--agent", "ppo", "--steps", "2048", "--out", directory).status, 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: directory + "/agent.ckpt"))
        let newline = try XCTUnwrap(good.firstIndex(of: 0x0A))
        var flipped = good
        flipped[newline + 100] ^= 0x40
        var header = good
        let q = try XCTUnwrap(header[..<newline].firstIndex(of: UInt8(ascii: "6")))
        header[q] = UInt8(ascii: "7")
        let versioned = String(decoding: good[..<newline], as: UTF8.self).replacingOccurrences(of: "swiftgym.checkpoint\\/1", with: "swiftgym.checkpoint\\/9")
        let cases: [(String, Data, String)] = [
            ("truncated", good.prefix(good.count - 1000), "the checkpoint is damaged"),
            ("header-only", good.prefix(newline), "no header line"),
            ("flipped-bit", flipped, "the checkpoint is damaged"),
            ("edited-header", header, "the checkpoint is damaged"),
            ("other-version", Data(versioned.utf8) + good[newline...], "checkpoint format 'swiftgym.checkpoint/9' is not supported"),
            ("not-a-checkpoint", Data("{\"hello\": 1}\n".utf8), "not a SwiftGym checkpoint"),
            ("empty", Data(), "no header line"),
        ]
        for (name, data, message) in cases {
            let path = directory + "/\(name).ckpt"
            try data.write(to: URL(fileURLWithPath: path))
            for command in [["evaluate", "cartpole-v1", "--checkpoint", path], ["act", "--checkpoint", path, "--observation", "0,0,0,0"]] {
                let result = try gym(command)
                XCTAssertEqual(result.status, 2, "\(name) \(command[0]): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(path), "\(name): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains(message), "\(name) \(command[0]): \(result.stderr)")
            }
        }
        let wrong = try gym("evaluate", "pendulum-v1", "--checkpoint", directory + "/agent.ckpt")
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("was trained on cartpole-v1, not pendulum-v1"), wrong.stderr)
    }
}

/// `gym train --resume` end to end: a signal's path through the command, plugins in and out of process,
/// and what the command says of what it cannot resume. Exact resuming of every agent, vectors, self-play
/// and 64-bit seeds is proven in process by GymRunsTests (TrainingRunResumeTests, SelfPlayRunResumeTests).
final class ResumeTests: CLITestCase {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gym-resume-\(getpid())-\(name)").path
    }

    func assertResumesExactly(_ arguments: [String], signal: Int32, waitingFor marker: String = "resume.ckpt",
                              comparing files: [String] = ["agent.ckpt", "metrics.csv", "evaluations.csv"],
                              checking check: (_ runFile: String) -> Void = { _ in }, file: StaticString = #filePath, line: UInt = #line) throws {
        let straight = temporary("straight"), stopped = temporary("stopped")
        defer { for d in [straight, stopped] { try? FileManager.default.removeItem(atPath: d) } }
        XCTAssertEqual(try gym(["train"] + arguments + ["--out", straight]).status, 0, file: file, line: line)

        let process = Process()
        process.executableURL = CLITestCase.binary
        process.arguments = ["train"] + arguments + ["--out", stopped]
        process.currentDirectoryURL = CLITestCase.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: stopped + "/" + marker) && Date() < deadline { usleep(5_000) }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let run = try String(contentsOfFile: stopped + "/run.json", encoding: .utf8)
        XCTAssertFalse(run.contains("\"status\":\"finished\""), "the run ended before the signal; give it more steps", file: file, line: line)
        check(run)

        let resumed = try gym("train", "--resume", stopped)
        XCTAssertEqual(resumed.status, 0, resumed.stderr, file: file, line: line)
        XCTAssertTrue(resumed.stdout.contains("resuming"), resumed.stdout, file: file, line: line)
        for name in files {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: straight + "/" + name)), try Data(contentsOf: URL(fileURLWithPath: stopped + "/" + name)),
                           "\(name) differs after resuming", file: file, line: line)
        }
        check(try String(contentsOfFile: stopped + "/run.json", encoding: .utf8))
        XCTAssertEqual(try gym("train", "--resume", stopped).status, 2, "a finished run resumes again", file: file, line: line)
    }

    func testDQNStoppedBySIGINTResumesExactly() throws {
        try assertResumesExactly(["gridworld-v1", "--agent", "dqn", "--steps", "30000", "--eval-every", "2000", "--seed", "4",
                                  "--set", "hidden_sizes=16,16", "--set", "learning_starts=200", "--set", "train_frequency=8",
                                  "--set", "gradient_steps=1", "--set", "buffer_size=5000", "--keep-best"], signal: SIGINT,
                                 comparing: ["agent.ckpt", "best.ckpt", "metrics.csv", "evaluations.csv"])
    }

    func testSelfPlayOfAgentsStoppedBySIGINTResumesExactly() throws {
        try assertResumesExactly(["rock-paper-scissors-v2", "--agents", "dqn,ppo", "--steps", "30000", "--eval-every", "1000", "--seed", "2",
                                  "--set", "hidden_sizes=16"], signal: SIGINT,
                                 comparing: ["agent.ckpt", "agent-player_0.ckpt", "agent-player_1.ckpt", "exploitability.csv"])
    }

    func testPPOOnAPluginKilledOutrightResumesExactly() throws {
        let dir = URL(fileURLWithPath: temporary("plugin"))
        defer { try? FileManager.default.removeItem(at: dir) }
        try assertResumesExactly(["inventory/inventory-v1", "--plugin", try buildInventoryPlugin(in: dir), "--agent", "ppo", "--steps", "60000",
                                  "--eval-every", "2000", "--seed", "3", "--set", "hidden_sizes=16,16", "--set", "n_steps=512"], signal: SIGKILL)
    }

    func testDQNOnFourIsolatedPluginCopiesStoppedBySIGINTResumesIsolatedAndExactly() throws {
        let dir = URL(fileURLWithPath: temporary("isolated-plugin"))
        defer { try? FileManager.default.removeItem(at: dir) }
        try assertResumesExactly(["inventory/inventory-v1", "--plugin", try buildInventoryPlugin(in: dir), "--isolate", "--agent", "dqn",
                                  "--steps", "30000", "--eval-every", "1000", "--seed", "1", "--set", "hidden_sizes=16", "--set", "num_envs=4",
                                  "--set", "learning_starts=200", "--set", "buffer_size=4000"], signal: SIGINT,
                                 checking: { XCTAssertTrue($0.contains("\"plugin_isolation\":{\"timeout\":10}"), $0) })
    }

    func testWhatCannotBeResumedIsSaidSo() throws {
        let directory = temporary("nothing")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let missing = try gym("train", "--resume", directory)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("\(directory)/run.json: no such file"), missing.stderr)
        XCTAssertEqual(try gym("train", "corridor-v0", "--agent", "q-learning", "--steps", "300", "--out", directory).status, 0)
        XCTAssertTrue(try gym("train", "--resume", directory).stderr.contains("finished all its 300 steps"))
        let mixed = try gym("train", "--resume", directory, "--agent", "dqn")
        XCTAssertEqual(mixed.status, 2)
        XCTAssertTrue(mixed.stderr.contains("give no environment, --agent"), mixed.stderr)
    }
}
