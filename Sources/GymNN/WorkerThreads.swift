import CGymMath

/// The worker threads of CGymMath's `gym_parallel.h` (as many as `Matrix.threadCount` less one), which run
/// the parts of one job beside the calling thread: the row blocks of a large product, and the same rows
/// of the parameters whose gradients those blocks wrote, so that each thread's optimiser step reads
/// from its own cache what its own product left there.
enum WorkerThreads {
    /// Rows of a block start at multiples of this: 16, the height of OpenBLAS's sgemm kernels on x86-64,
    /// so that each block is whole kernel tiles but the last, as its rows are in the whole product.
    static let rowMultiple = 16

    /// Runs `body(part, parts)` for every part, part 0 on the calling thread, and returns once all are
    /// done. Returns false, having run nothing, when there is one thread or another thread holds the workers.
    static func run(_ body: (_ part: Int, _ parts: Int) -> Void) -> Bool {
        guard gym_parallel_threads() > 1 else { return false }
        return withoutActuallyEscaping(body) { body in
            var job = Job(body: body)
            return withUnsafeMutablePointer(to: &job) { gym_parallel_run(Job.runPart, $0) } > 0
        }
    }

    /// The first row of block `part` of `parts` in `rows` rows: blocks of rows / parts rows rounded down
    /// to a multiple of `rowMultiple`, the last taking the rest.
    static func firstRow(_ part: Int, of parts: Int, rows: Int) -> Int {
        part >= parts ? rows : part * (rows / parts / rowMultiple * rowMultiple)
    }

    /// The rows of block `part` of `parts`.
    static func rowBlock(_ part: Int, of parts: Int, rows: Int) -> Range<Int> {
        firstRow(part, of: parts, rows: rows)..<firstRow(part + 1, of: parts, rows: rows)
    }

    /// Tensors of at least this many values are split among the threads for elementwise work.
    static let splitMinimumCount = 1 << 14

    /// Runs `body` over the element indices of a tensor of `shape`: in blocks of whole rows, one a
    /// thread, when it is a matrix of at least `splitMinimumCount` values (the rows that a row-block
    /// product of its gradient gave each thread), and whole on the calling thread otherwise. Takes the
    /// shape alone, so that callers may hold their arrays' storage meanwhile.
    static func forEachBlock(ofTensor shape: [Int], _ body: (Range<Int>) -> Void) {
        let count = shape.reduce(1, *)
        if shape.count == 2, count >= splitMinimumCount, shape[0] >= 2 * rowMultiple {
            let columns = shape[1]
            if run({ part, parts in
                let rows = rowBlock(part, of: parts, rows: shape[0])
                body((rows.lowerBound * columns)..<(rows.upperBound * columns))
            }) { return }
        }
        body(0..<count)
    }

    private struct Job {
        let body: (Int, Int) -> Void
        static let runPart: gym_part_function = { context, part, parts in
            context!.assumingMemoryBound(to: Job.self).pointee.body(Int(part), Int(parts))
        }
    }
}
