import CBLAS

extension Matrix {
    /// Products of at least this many multiply-adds (m * n * k) with more rows than one block
    /// (`WorkerThreads.blockRows`) are cut into row blocks, whatever the thread count: an actor-critic's
    /// batch of 256 rows through a 256x256 layer (16.8 million) is two blocks. Below it the threads'
    /// hand-over costs more than half a product saves.
    public static let splitMinimumWork = 1 << 22

    /// Whether a product of this shape is computed in row blocks. It depends on the shape alone, so that
    /// every thread count makes the same calls.
    public static func isComputedInRowBlocks(rows m: Int, columns n: Int, inner k: Int) -> Bool {
        m > WorkerThreads.blockRows && m * n * k >= splitMinimumWork
    }

    /// `c = alpha * op(a) * op(b) + beta * c` as one product per row block of `c` (`WorkerThreads`), the
    /// blocks shared among the threads, each calling `before` and `after` on its rows of `c` around its
    /// product (a layer's bias and activation, which then stay in the cache of the thread that reads them next).
    static func multiplyInRowBlocks(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false, into c: inout Matrix,
                                    alpha: Float = 1, beta: Float,
                                    before: (UnsafeMutableBufferPointer<Float>) -> Void = { _ in },
                                    after: (UnsafeMutableBufferPointer<Float>) -> Void = { _ in }) {
        let m = c.rows, n = c.columns, k = transposeA ? a.rows : a.columns, lda = a.columns, ldb = b.columns
        a.data.withUnsafeBufferPointer { A in
            b.data.withUnsafeBufferPointer { B in
                c.data.withUnsafeMutableBufferPointer { C in
                    let a = A.baseAddress!, b = B.baseAddress!, c = C.baseAddress!
                    WorkerThreads.run(tasks: WorkerThreads.blockCount(rows: m)) { block in
                        // Rows lo..<hi of c; with a transposed, row r of op(a) is column r of a.
                        let rows = WorkerThreads.rowBlock(block, rows: m)
                        let lo = rows.lowerBound
                        let part = UnsafeMutableBufferPointer(start: c + lo * n, count: rows.count * n)
                        before(part)
                        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                                    Int32(rows.count), Int32(n), Int32(k), alpha, transposeA ? a + lo : a + lo * lda, Int32(lda),
                                    b, Int32(ldb), beta, c + lo * n, Int32(n))
                        after(part)
                    }
                }
            }
        }
    }
}
