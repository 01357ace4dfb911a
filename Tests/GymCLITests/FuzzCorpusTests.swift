import Foundation
import XCTest

/// Every fuzz target's committed corpus (Tests/Fuzz/TARGET), which holds the seeds and every input a
/// crash was once found with, replays through `gym-fuzz` in the normal build without a failure.
final class FuzzCorpusTests: CLITestCase {
    func testTheCommittedCorpusReplays() throws {
        let fuzz = CLITestCase.binary.deletingLastPathComponent().appendingPathComponent("gym-fuzz")
        let folder = CLITestCase.root.appendingPathComponent("Tests/Fuzz")
        let targets = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(targets, ["checkpoint", "describe", "expression", "json", "nfg", "spec"])
        for target in targets {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(target).path).sorted()
            XCTAssertFalse(files.isEmpty, target)
            let process = Process()
            process.executableURL = fuzz
            process.arguments = [target] + files.map { folder.appendingPathComponent(target).appendingPathComponent($0).path }
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "\(target): \(text)")
            XCTAssertEqual(process.terminationStatus, 0, "\(target): \(text)")
            XCTAssertTrue(text.contains("gym-fuzz \(target): \(files.count) inputs, no failure"), text)
        }
    }
}
