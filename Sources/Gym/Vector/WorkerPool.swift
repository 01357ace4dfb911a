import Foundation
import Synchronization

/// A fixed set of threads that run one job in `parts` pieces at a time, the caller's thread taking part 0:
/// `run(context, body)` calls `body(context, part)` for every part and returns when all have returned.
///
/// A step of a vector of environments lasts microseconds, so the pool hands work over without a system
/// call: an idle worker spins on a generation counter for about 50 microseconds before it parks on a
/// condition variable, and the caller waits for the parts by spinning. Each counter has a cache line of
/// its own, so that the caller's writes and the workers' do not take lines from each other. Parts must
/// not depend on one another's order; the caller sees every part's writes once `run` returns.
final class WorkerPool: @unchecked Sendable {
    /// The number of parts of each job (the caller and `parts - 1` worker threads).
    let parts: Int
    private let shared: Shared

    /// An atomic counter alone on its cache line (the padding fills the rest of 64 bytes).
    final class Counter: @unchecked Sendable {
        let value = Atomic<Int>(0)
        private let padding: (Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0)
    }

    /// What the caller and the workers share; the threads hold it, not the pool, so that the pool's
    /// deinit can stop them.
    private final class Shared: @unchecked Sendable {
        /// Moves once per job (and once to stop); written by the caller.
        let generation = Counter()
        /// Parts not finished yet; each worker decrements it.
        let remaining = Counter()
        /// Workers parked on `condition` (or about to be).
        let sleepers = Counter()
        let stopping = Atomic<Bool>(false)
        let condition = NSCondition()
        /// The job of the current generation; written before `generation` moves, read after it. A plain
        /// function and pointer, not a closure or an object: nothing is reference counted across threads
        /// (a count is a write to a line both threads hold), and a closure's context may live on the
        /// caller's stack.
        var body: Job?
        var context: UnsafeMutableRawPointer?
    }

    /// What a job runs: `body(context, part)`.
    typealias Job = @convention(c) (UnsafeMutableRawPointer, Int) -> Void

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
        shared.stopping.store(true, ordering: .sequentiallyConsistent)
        shared.condition.lock()
        shared.generation.value.add(1, ordering: .sequentiallyConsistent)
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    private static func work(_ part: Int, _ shared: Shared) {
        var seen = 0
        while true {
            var spins = 0
            while shared.generation.value.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < 20_000 { continue }
                // Park. The caller moves `generation` before it reads `sleepers`, and this thread counts
                // itself before it reads `generation` again (both sequentially consistent), so one of the
                // two sees the other: a job is never missed.
                shared.sleepers.value.add(1, ordering: .sequentiallyConsistent)
                shared.condition.lock()
                while shared.generation.value.load(ordering: .sequentiallyConsistent) == seen { shared.condition.wait() }
                shared.condition.unlock()
                shared.sleepers.value.subtract(1, ordering: .sequentiallyConsistent)
            }
            seen = shared.generation.value.load(ordering: .acquiring)
            if shared.stopping.load(ordering: .acquiring) { return }
            if let body = shared.body, let context = shared.context { body(context, part) }
            shared.remaining.value.subtract(1, ordering: .releasing)
        }
    }

    /// Runs `body(context, part)` for every part in `0 ..< parts`, part 0 on the calling thread, and returns
    /// when all have returned. Not reentrant: one job at a time.
    func run(_ context: UnsafeMutableRawPointer, _ body: Job) {
        guard parts > 1 else { return body(context, 0) }
        shared.body = body
        shared.context = context
        shared.remaining.value.store(parts - 1, ordering: .relaxed)
        shared.generation.value.add(1, ordering: .sequentiallyConsistent)
        if shared.sleepers.value.load(ordering: .sequentiallyConsistent) > 0 {
            // Under the lock: a worker that counted itself waits only after it checked `generation` there.
            shared.condition.lock()
            shared.condition.broadcast()
            shared.condition.unlock()
        }
        body(context, 0)
        while shared.remaining.value.load(ordering: .acquiring) > 0 {}
    }
}
