import CGymThreads

/// The process-wide worker threads of GymNN (CGymThreads' shared pool, as many as `Matrix.threadCount`),
/// which run the row blocks of a large product, and the same rows of the parameters whose gradients those
/// blocks wrote, beside the calling thread.
///
/// A job is cut into blocks whose bounds depend on its shape alone, never on the thread count: any thread
/// count runs the same calls with the same operands, so it computes the same bits on any BLAS kernel. The
/// threads only decide who runs which block, and a thread that another process keeps off its core holds
/// up nothing it has not started (`gym_threads.h`).
enum WorkerThreads {
    /// The height of a row block: large enough that OpenBLAS packs the other operand once per 128 rows
    /// (a 256-row batch is two blocks, one a thread on two threads), and a multiple of every x86-64
    /// sgemm kernel's tile.
    static let blockRows = 128

    static var pool: OpaquePointer { gym_shared_pool() }

    /// Runs `body(task)` for every task in `0 ..< tasks`, on the calling thread and the workers, and
    /// returns once all are done.
    static func run(tasks: Int, _ body: (_ task: Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var job = Job(body: body)
            withUnsafeMutablePointer(to: &job) { gym_pool_run(pool, Int32(tasks), Job.runTask, $0) }
        }
    }

    /// The rows of block `block` of a matrix of `rows` rows.
    static func rowBlock(_ block: Int, rows: Int) -> Range<Int> {
        (block * blockRows)..<min(rows, (block + 1) * blockRows)
    }

    /// The number of row blocks of a matrix of `rows` rows.
    static func blockCount(rows: Int) -> Int { (rows + blockRows - 1) / blockRows }

    /// Tensors of at least this many values are split among the threads for elementwise work.
    static let splitMinimumCount = 1 << 14

    /// Runs `body` over the element indices of a tensor of `shape`: in blocks of whole rows, the blocks of
    /// a product of its gradient, when there are several threads and it is a matrix of at least
    /// `splitMinimumCount` values and more than one block; whole on the calling thread otherwise. Takes
    /// the shape alone, so that callers may hold their arrays' storage meanwhile.
    static func forEachBlock(ofTensor shape: [Int], _ body: (Range<Int>) -> Void) {
        let count = shape.reduce(1, *)
        if shape.count == 2, count >= splitMinimumCount, shape[0] > blockRows, gym_pool_threads(pool) > 1 {
            let columns = shape[1]
            return run(tasks: blockCount(rows: shape[0])) { block in
                let rows = rowBlock(block, rows: shape[0])
                body((rows.lowerBound * columns)..<(rows.upperBound * columns))
            }
        }
        body(0..<count)
    }

    private struct Job {
        let body: (Int) -> Void
        static let runTask: gym_task_function = { context, task in
            context!.assumingMemoryBound(to: Job.self).pointee.body(Int(task))
        }
    }
}
