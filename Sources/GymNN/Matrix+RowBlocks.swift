import CBLAS

extension Matrix {
    /// Products of at least this many multiply-adds (m * n * k) are cut into row blocks when `threadCount`
    /// is above 1: a DQN batch of 64 rows through a 256x256 layer (4.2 million) is the smallest. Below it
    /// the threads' hand-over costs more than the half product saves.
    public static let splitMinimumWork = 1 << 22

    /// No block is this many multiply-adds or fewer: OpenBLAS 0.3 multiplies products of at most 10^6
    /// with other kernels (its small-matrix path), whose sums may round differently from the whole product's.
    static let blockMinimumWork = 1 << 20

    /// `c = alpha * op(a) * op(b) + beta * c` as one product of consecutive rows of `c` a thread
    /// (`WorkerThreads`), each thread calling `before` and `after` on its rows of `c` around its product
    /// (a layer's bias and activation, which then stay in the cache of the thread that reads them next).
    /// Returns false, having done nothing, when there is one thread, too few rows, or another thread
    /// already holds the workers.
    static func multiplyInRowBlocks(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false, into c: inout Matrix,
                                    alpha: Float = 1, beta: Float,
                                    before: (UnsafeMutableBufferPointer<Float>) -> Void = { _ in },
                                    after: (UnsafeMutableBufferPointer<Float>) -> Void = { _ in }) -> Bool {
        let m = c.rows, n = c.columns, k = transposeA ? a.rows : a.columns, lda = a.columns, ldb = b.columns
        var blocks = min(threadCount, m / WorkerThreads.rowMultiple)
        while blocks > 1, WorkerThreads.rowBlock(0, of: blocks, rows: m).count * n * k <= blockMinimumWork { blocks -= 1 }
        guard blocks > 1 else { return false }
        let parts = blocks
        return a.data.withUnsafeBufferPointer { A in
            b.data.withUnsafeBufferPointer { B in
                c.data.withUnsafeMutableBufferPointer { C in
                    let a = A.baseAddress!, b = B.baseAddress!, c = C.baseAddress!
                    return WorkerThreads.run { part, _ in
                        // Rows lo..<hi of c; with a transposed, row r of op(a) is column r of a.
                        guard part < parts else { return }
                        let rows = WorkerThreads.rowBlock(part, of: parts, rows: m)
                        let lo = rows.lowerBound
                        let block = UnsafeMutableBufferPointer(start: c + lo * n, count: rows.count * n)
                        before(block)
                        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                                    Int32(rows.count), Int32(n), Int32(k), alpha, transposeA ? a + lo : a + lo * lda, Int32(lda),
                                    b, Int32(ldb), beta, c + lo * n, Int32(n))
                        after(block)
                    }
                }
            }
        }
    }
}
