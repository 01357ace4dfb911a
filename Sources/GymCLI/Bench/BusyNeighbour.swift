import Foundation

/// One CPU-bound process of gym's own (`gym bench --spin`), started by a benchmark to measure what its
/// threads do when another process holds a core, and stopped when the measurement ends (or when this
/// process dies: the child watches its parent every millisecond).
final class BusyNeighbour {
    private let process = Process()

    /// Starts the process and waits until it spins.
    init() throws {
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["bench", "--spin"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.2)
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The body of `gym bench --spin`: spins on one core until its parent dies or ten minutes pass.
    static func spin() -> Never {
        let parent = getppid(), end = Date().addingTimeInterval(600)
        var x: UInt64 = 1
        while getppid() == parent && Date() < end {
            for _ in 0..<1_000_000 { x = x &* 6364136223846793005 &+ 1442695040888963407 }
        }
        exit(x == 0 ? 1 : 0)
    }
}
