import Foundation
import Synchronization

/// Work that a `WorkerPool` splits into parts.
protocol PoolJob: AnyObject {
    /// Does part `part`; parts run at the same time on different threads.
    func run(part: Int)
}

/// A fixed set of threads that run one job in `parts` pieces at a time, the caller's thread taking part 0:
/// `run(job)` returns when every part has returned.
///
/// A step of a vector of environments lasts microseconds, so the pool hands work over without a system
/// call: an idle worker spins on a generation counter for about 50 microseconds before it parks on a
/// condition variable, and the caller waits for the parts by spinning. Parts must not depend on one
/// another's order; the caller sees every part's writes once `run` returns.
final class WorkerPool: @unchecked Sendable {
    /// The number of parts of each job (the caller and `parts - 1` worker threads).
    let parts: Int
    private let shared: Shared

    /// What the caller and the workers share; the threads hold it, not the pool, so that the pool's
    /// deinit can stop them.
    private final class Shared: @unchecked Sendable {
        let generation = Atomic<Int>(0)
        let remaining = Atomic<Int>(0)
        let stopping = Atomic<Bool>(false)
        let condition = NSCondition()
        var sleepers = 0  // guarded by `condition`
        /// The job of the current generation; written before `generation` moves (release), read after it
        /// (acquire). A class instance the caller keeps alive for the run, not a closure: a closure's
        /// context may live on the caller's stack.
        var job: PoolJob?
    }

    /// - Parameter parts: at least 1; 1 runs every job on the caller's thread.
    init(parts: Int) {
        self.parts = max(1, parts)
        shared = Shared()
        for part in 1..<self.parts {
            let shared = self.shared
            let thread = Thread { WorkerPool.work(part, shared) }
            thread.name = "swiftgym-vector-\(part)"
            thread.start()
        }
    }

    deinit {
        shared.condition.lock()
        shared.stopping.store(true, ordering: .releasing)
        shared.generation.add(1, ordering: .releasing)
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    private static func work(_ part: Int, _ shared: Shared) {
        var seen = 0
        while true {
            var spins = 0
            while shared.generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < 20_000 { continue }
                shared.condition.lock()
                shared.sleepers += 1
                while shared.generation.load(ordering: .acquiring) == seen { shared.condition.wait() }
                shared.sleepers -= 1
                shared.condition.unlock()
            }
            seen = shared.generation.load(ordering: .acquiring)
            if shared.stopping.load(ordering: .acquiring) { return }
            if let job = shared.job { job.run(part: part) }
            shared.remaining.subtract(1, ordering: .releasing)
        }
    }

    /// Runs `job.run(part:)` for every part in `0 ..< parts`, part 0 on the calling thread, and returns when
    /// all have returned. Not reentrant: one job at a time.
    func run(_ job: PoolJob) {
        guard parts > 1 else { return job.run(part: 0) }
        shared.job = job
        shared.remaining.store(parts - 1, ordering: .releasing)
        shared.condition.lock()
        shared.generation.add(1, ordering: .releasing)
        if shared.sleepers > 0 { shared.condition.broadcast() }
        shared.condition.unlock()
        job.run(part: 0)
        while shared.remaining.load(ordering: .acquiring) > 0 {}
    }
}
