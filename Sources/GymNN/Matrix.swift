import CBLAS
import CGymThreads

/// A row-major matrix of Floats: `rows` x `columns`, element (r, c) at `data[r * columns + c]`.
///
/// A batch of vectors is one matrix with a row per vector. Products go through OpenBLAS's `sgemm`
/// for batches, and through one `sgemv` per row for fewer than `Matrix.blasMinimumRows` rows (a DQN run on
/// CartPole, whose every action is a one-row product through 256x256 layers, went from
/// 18.0 s to 13.5 s with the same bits; plain loops had won only against `sgemm` on one row).
public struct Matrix: Equatable, Sendable {
    public var rows: Int
    public var columns: Int
    public var data: [Float]

    /// Below this many rows, products go row by row through `sgemv` instead of `sgemm`.
    public static let blasMinimumRows = 4

    /// The most threads `threadCount` takes (64); a larger count is taken as this one.
    public static let maximumThreadCount = Int(GYM_THREADS_MAX)

    /// Threads for every product of the process, the calling thread's included; 1 unless set. Products of
    /// at least `splitMinimumWork` multiply-adds are cut into row blocks of a height fixed by their shape
    /// (`Matrix+RowBlocks.swift`), which the threads share, while OpenBLAS itself always runs on one thread:
    /// its own threads made a 256x256x256 product only 1.2 times faster on this project's two-core machines,
    /// the blocks 1.8 times. Two pay for the actor-critics' batches of 256 rows through 256x256 layers
    /// (`gym train --threads 2`); one is the default, for a second thread waits spinning for a while after
    /// each product, which a machine running several trainings at once would rather have. Any count gives
    /// the same bits on any BLAS kernel: the blocks, and so the calls to OpenBLAS, do not depend on it. While
    /// the other threads would not get cores of their own, the calling thread runs every block (`gym_threads.h`).
    public static var threadCount: Int {
        get { _ = initialThreads; return Int(gym_pool_threads(WorkerThreads.pool)) }
        set { _ = initialThreads; gym_pool_set_threads(WorkerThreads.pool, Int32(max(1, newValue))) }
    }

    /// The name of the OpenBLAS kernel that runs the products ("Haswell", "SkylakeX", ...): the CPU's, as
    /// OpenBLAS detects it, or the one `OPENBLAS_CORETYPE` names.
    public static var blasKernel: String { String(cString: openblas_get_corename()) }

    static let initialThreads: Void = { openblas_set_num_threads(1) }()

    public init(rows: Int, columns: Int, data: [Float]) {
        precondition(data.count == rows * columns, "Matrix data has \(data.count) values, expected \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.data = data
    }

    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, data: Array(repeating: value, count: rows * columns))
    }

    /// A one-row matrix.
    public init(row: [Float]) { self.init(rows: 1, columns: row.count, data: row) }

    public subscript(r: Int, c: Int) -> Float {
        get { data[r * columns + c] }
        set { data[r * columns + c] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Float] { Array(data[(r * columns)..<((r + 1) * columns)]) }

    /// Reshapes in place to `rows` x `columns`, reusing storage when it is large enough (contents unspecified).
    public mutating func resize(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        let count = rows * columns
        if data.count != count {
            if data.count > count { data.removeLast(data.count - count) }
            else { data.append(contentsOf: repeatElement(0, count: count - data.count)) }
        }
    }

    /// `c = alpha * op(a) * op(b) + beta * c`, where op transposes when asked. `c` must already have
    /// the result's shape.
    public static func multiply(_ a: Matrix, transposeA: Bool = false, _ b: Matrix, transposeB: Bool = false,
                                into c: inout Matrix, alpha: Float = 1, beta: Float = 0) {
        let m = transposeA ? a.columns : a.rows
        let k = transposeA ? a.rows : a.columns
        let n = transposeB ? b.rows : b.columns
        precondition((transposeB ? b.columns : b.rows) == k, "inner dimensions differ: \(k) and \(transposeB ? b.columns : b.rows)")
        precondition(c.rows == m && c.columns == n, "result is \(c.rows) x \(c.columns), expected \(m) x \(n)")
        if m >= blasMinimumRows || transposeA {
            _ = initialThreads
            if isComputedInRowBlocks(rows: m, columns: n, inner: k) {
                return multiplyInRowBlocks(a, transposeA: transposeA, b, transposeB: transposeB, into: &c, alpha: alpha, beta: beta)
            }
            cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k), alpha, a.data, Int32(a.columns), b.data, Int32(b.columns), beta, &c.data, Int32(n))
            return
        }
        // Few rows: one matrix-vector product per row (a is not transposed here).
        _ = initialThreads
        a.data.withUnsafeBufferPointer { A in
            c.data.withUnsafeMutableBufferPointer { C in
                guard let x = A.baseAddress, let y = C.baseAddress, k > 0 else {
                    for j in C.indices { C[j] *= beta }
                    return
                }
                for i in 0..<m {
                    // Row i of c is op(b)^T applied to row i of a: b (k x n) read transposed, or b (n x k) as it is.
                    cblas_sgemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, Int32(b.rows), Int32(b.columns),
                                alpha, b.data, Int32(b.columns), x + i * k, 1, beta, y + i * n, 1)
                }
            }
        }
    }
}
