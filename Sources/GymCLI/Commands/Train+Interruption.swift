import Dispatch
import Foundation

/// SIGINT and SIGTERM while `gym train` runs: the first asks the run to stop before its next step (its
/// `stopRequested` hook), so that the run directory is written out whole and marked interrupted; a second one ends the process
/// at once, as it would without this.
final class TrainingInterruption {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [DispatchSourceSignal] = []

    init() {
        for number in [SIGINT, SIGTERM] {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                self?.receive(number)
                Glibc.signal(number, SIG_DFL)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
        Glibc.signal(SIGINT, SIG_DFL)
        Glibc.signal(SIGTERM, SIG_DFL)
    }

    private func receive(_ number: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if received == nil { received = number }
    }

    /// The first signal received, if any.
    var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    var name: String { signal == SIGTERM ? "SIGTERM" : "SIGINT" }

    /// The shell's convention for a process a signal stopped: 128 plus the signal's number (130, 143).
    var exitCode: Int32 { 128 + (signal ?? SIGINT) }
}
