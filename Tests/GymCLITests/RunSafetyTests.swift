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
