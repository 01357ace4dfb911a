import CGymThreads

/// The threads that step a vector's parts: CGymThreads' pool (`gym_threads.h`), the caller's thread
/// taking parts too. `run(context, body)` calls `body(context, part)` once for every part and returns when
/// all have returned. Each part goes to whichever thread takes it first, so a worker that another process
/// keeps off its core holds up no step, and while the workers would not get cores of their own the caller
/// steps every part itself. Parts must not depend on one another's order; the caller sees every part's
/// writes once `run` returns.
final class WorkerPool: @unchecked Sendable {
    /// The number of parts of each job.
    let parts: Int
    private let pool: OpaquePointer

    /// What a job runs: `body(context, part)`.
    typealias Job = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Void

    /// - Parameter parts: at least 1; 1 runs every job on the caller's thread. The pool has one thread a part.
    init(parts: Int) {
        self.parts = max(1, parts)
        guard let pool = gym_pool_create(Int32(self.parts)) else { fatalError("no memory for a worker pool") }
        self.pool = pool
    }

    deinit { gym_pool_destroy(pool) }

    /// Runs `body(context, part)` for every part in `0 ..< parts` and returns when all have returned.
    /// Not reentrant: one job at a time.
    func run(_ context: UnsafeMutableRawPointer, _ body: Job) {
        gym_pool_run(pool, Int32(parts), body, context)
    }

    /// Whether the pool now shares steps with its workers (false while their cores are taken, or with one part).
    var isSharing: Bool { gym_pool_sharing(pool) != 0 }

    /// Jobs run so far, and those shared with the workers.
    var jobCounts: (jobs: Int, shared: Int) {
        let counts = gym_pool_counters(pool)
        return (Int(counts.jobs), Int(counts.shared_jobs))
    }
}
