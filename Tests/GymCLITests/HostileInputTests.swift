import Foundation
import XCTest

/// Tests/Hostile/, file by file: every hostile spec and every broken plugin gets the exit status and
/// the message that Tests/Hostile/expected.json gives it, from every command that takes it, and no
/// command ends by a signal.
final class HostileInputTests: CLITestCase {
    static let folder = CLITestCase.root.appendingPathComponent("Tests/Hostile")

    func expectations() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: HostileInputTests.folder.appendingPathComponent("expected.json"))
        let all = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        return all.compactMapValues { $0 as? [String: Any] }
    }

    func files(_ folder: String, _ ext: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: HostileInputTests.folder.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(ext) }.sorted().map { "\(folder)/\($0)" }
    }

    func testEveryHostileFileHasAnExpectation() throws {
        let listed = Set(try expectations().keys)
        let present = Set(try files("specs", ".json") + files("plugins", ".c"))
        XCTAssertEqual(present.subtracting(listed), [], "hostile files without an entry in expected.json")
        XCTAssertEqual(listed.subtracting(present), [], "entries in expected.json without a file")
    }

    func testHostileSpecsAreInputErrorsInEveryCommand() throws {
        for name in try files("specs", ".json") {
            let expected = try XCTUnwrap(try expectations()[name])
            let path = "Tests/Hostile/\(name)"
            for command in [["validate", path], ["inspect", path], ["check", path], ["rollout", path, "--seed", "1"]] {
                let result = try gym(command)
                XCTAssertEqual(result.status, status(expected["status"]), "\(command): \(result.stderr.prefix(300))")
                XCTAssertTrue((result.stdout + result.stderr).contains(path), "\(command) does not name the file: \(result.stderr.prefix(300))")
                XCTAssertTrue((result.stdout + result.stderr).contains(try XCTUnwrap(expected["message"] as? String)),
                              "\(command): \(result.stderr.prefix(300))")
            }
        }
    }

    func testBrokenPluginsAreReportedAndTheRunCompletes() throws {
        let built = FileManager.default.temporaryDirectory.appendingPathComponent("gym-hostile-\(getpid())")
        try FileManager.default.createDirectory(at: built, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: built) }
        for name in try files("plugins", ".c") {
            let expected = try XCTUnwrap(try expectations()[name])
            let message = try XCTUnwrap(expected["message"] as? String)
            let library = built.appendingPathComponent("lib" + URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent + ".so").path
            try compile(HostileInputTests.folder.appendingPathComponent(name).path, to: library)

            let check = try gym("check", library, "--plugin-timeout", "0.3")
            XCTAssertEqual(check.status, status(expected["check"]), "\(name) check: \(check.stdout.suffix(300)) \(check.stderr.suffix(300))")
            XCTAssertTrue(check.stdout.contains(message), "\(name) check: \(check.stdout.prefix(600))")
            XCTAssertTrue(check.stdout.contains(library), "\(name) check does not name the library")
            XCTAssertTrue(check.stdout.contains("\ncheck: "), "\(name): the check run did not complete")

            let rollout = try gym("rollout", library, "--isolate", "--plugin-timeout", "0.3", "--seed", "1")
            XCTAssertEqual(rollout.status, status(expected["rollout"]), "\(name) rollout: \(rollout.stderr.suffix(300))")
            XCTAssertTrue(rollout.stderr.contains(message), "\(name) rollout: \(rollout.stderr.prefix(400))")
        }
    }

    private func status(_ value: Any?) -> Int32? { (value as? Int).map(Int32.init) }

    private func compile(_ source: String, to output: String) throws {
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-O2", "-shared", "-fPIC", "-I", CLITestCase.root.appendingPathComponent("Sources/CGymPlugin/include").path,
                        source, "-o", output]
        try cc.run()
        cc.waitUntilExit()
        XCTAssertEqual(cc.terminationStatus, 0, "cc \(source)")
    }
}
