import Foundation
import GymMDP
import XCTest

/// Runs in temporary directories, stopped on request, and the files of two runs compared byte for byte.
class RunTestCase: XCTestCase {
    /// The repository root (for Environments/).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var directories: [String] = []

    override func setUp() {
        super.setUp()
        Environments.registerLoaders()
    }

    /// A fresh directory path under the temporary folder, removed when the test ends.
    func temporary(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gym-runs-\(getpid())-\(name)").path
        try? FileManager.default.removeItem(atPath: path)
        directories.append(path)
        return path
    }

    override func tearDown() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
        directories = []
        super.tearDown()
    }

    /// A `stopRequested` hook that answers true from its `polls + 1`-th question on: a run stopped at a
    /// step fixed by the loop, as a signal would stop it at a step fixed by the clock.
    func stop(afterPolls polls: Int) -> () -> Bool {
        var asked = 0
        return {
            asked += 1
            return asked > polls
        }
    }

    /// Copies `directory` to `copy` once, the first time `when` holds: what a run killed outright there leaves.
    func snapshot(_ directory: String, to copy: String, when: @escaping () -> Bool) -> () -> Void {
        var taken = false
        return {
            guard !taken, when(), FileManager.default.fileExists(atPath: directory + "/resume.ckpt") else { return }
            taken = true
            try? FileManager.default.copyItem(atPath: directory, toPath: copy)
        }
    }

    func assertSameFiles(_ names: [String], in first: String, and second: String, file: StaticString = #filePath, line: UInt = #line) {
        for name in names {
            let a = FileManager.default.contents(atPath: first + "/" + name), b = FileManager.default.contents(atPath: second + "/" + name)
            XCTAssertNotNil(a, "\(first)/\(name) is missing", file: file, line: line)
            XCTAssertEqual(a, b, "\(name) differs after resuming", file: file, line: line)
        }
    }
}
