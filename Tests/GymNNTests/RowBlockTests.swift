import Dispatch
import Foundation
import Gym
import GymNN
import XCTest

/// Products cut into row blocks give the same bits on any number of threads. `make test-kernels` runs
/// these tests again under every OpenBLAS kernel the CPU can execute (`OPENBLAS_CORETYPE`).
final class RowBlockTests: XCTestCase {
    override func tearDown() { Matrix.threadCount = 1 }

    private func random(_ rows: Int, _ columns: Int, _ rng: inout RandomSource) -> Matrix {
        Matrix(rows: rows, columns: columns, data: (0..<(rows * columns)).map { _ in Float(rng.uniform(-1, 1)) })
    }

    /// Where two results' bits first differ, for a failure's message (whole results are too long to print).
    private func difference(_ x: [UInt32], _ y: [UInt32]) -> String {
        guard x.count == y.count else { return "\(x.count) values against \(y.count)" }
        guard let i = x.indices.first(where: { x[$0] != y[$0] }) else { return "none" }
        return "first at value \(i) of \(x.count): \(Float(bitPattern: x[i])) against \(Float(bitPattern: y[i]))"
    }

    /// a, b and c for an m x n result with inner size k, drawn from `seed`.
    private func operands(_ m: Int, _ n: Int, _ k: Int, transposeA: Bool, transposeB: Bool, seed: UInt64) -> (Matrix, Matrix, Matrix) {
        var rng = RandomSource(seed: seed)
        let a = transposeA ? random(k, m, &rng) : random(m, k, &rng)
        let b = transposeB ? random(n, k, &rng) : random(k, n, &rng)
        return (a, b, random(m, n, &rng))
    }

    /// The bits of c = 0.5 op(a) op(b) + beta c on `threads` threads.
    private func product(_ m: Int, _ n: Int, _ k: Int, transposeA: Bool, transposeB: Bool, beta: Float, threads: Int, seed: UInt64) -> [UInt32] {
        var (a, b, c) = operands(m, n, k, transposeA: transposeA, transposeB: transposeB, seed: seed)
        Matrix.threadCount = threads
        Matrix.multiply(a, transposeA: transposeA, b, transposeB: transposeB, into: &c, alpha: 0.5, beta: beta)
        return c.data.map(\.bitPattern)
    }

    func testEveryOrientationAndShapeGivesTheSameBitsOnAnyThreadCount() {
        // The actor-critics' products (batches of 256 through 256x256 layers), rows that are not whole
        // blocks, inner sizes past one of OpenBLAS's panels, and rows that fall on other kernel tiles
        // (blocks of 48 rows agree with the whole product under OpenBLAS's Haswell kernel; 16 or 128 do not).
        let shapes = [(256, 256, 256), (200, 300, 200), (257, 130, 129), (144, 512, 700), (400, 96, 112)]
        for (index, (m, n, k)) in shapes.enumerated() {
            XCTAssertTrue(Matrix.isComputedInRowBlocks(rows: m, columns: n, inner: k), "shape \(index) would not be split")
            for transposeA in [false, true] {
                for transposeB in [false, true] {
                    for beta: Float in [0, 1] {
                        let seed = UInt64(index * 8 + (transposeA ? 4 : 0) + (transposeB ? 2 : 0) + Int(beta))
                        let whole = product(m, n, k, transposeA: transposeA, transposeB: transposeB, beta: beta, threads: 1, seed: seed)
                        for threads in [2, 3, 5] {
                            let split = product(m, n, k, transposeA: transposeA, transposeB: transposeB, beta: beta, threads: threads, seed: seed)
                            XCTAssertTrue(split == whole, "\(m)x\(n)x\(k) transposeA \(transposeA) transposeB \(transposeB) beta \(beta) on \(threads) threads: \(difference(split, whole))")
                        }
                    }
                }
            }
        }
    }

    /// `make test-kernels` names a kernel in `OPENBLAS_CORETYPE`: these tests prove something about it only
    /// if it is the one that runs.
    func testTheKernelAskedForIsTheOneThatRuns() throws {
        guard let asked = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] else { throw XCTSkip("OPENBLAS_CORETYPE is not set") }
        XCTAssertEqual(Matrix.blasKernel.lowercased(), asked.lowercased())
    }

    func testTheThreadCountGrowsAndShrinks() {
        let whole = product(256, 256, 256, transposeA: false, transposeB: false, beta: 0, threads: 1, seed: 9)
        for threads in [4, 2, 6, 1, 3, 0] {
            Matrix.threadCount = threads
            XCTAssertEqual(Matrix.threadCount, max(threads, 1))
            let split = product(256, 256, 256, transposeA: false, transposeB: false, beta: 0, threads: max(threads, 1), seed: 9)
            XCTAssertTrue(split == whole, "\(threads) threads: \(difference(split, whole))")
        }
    }

    /// Four threads multiplying at once: one at a time gets the workers, the others do their products
    /// whole; every result is right.
    func testProductsFromSeveralThreadsAtOnce() {
        let expected = (0..<4).map { product(128, 256, 256, transposeA: $0 % 2 == 1, transposeB: false, beta: 1, threads: 1, seed: 20 + UInt64($0)) }
        let inputs = (0..<4).map { operands(128, 256, 256, transposeA: $0 % 2 == 1, transposeB: false, seed: 20 + UInt64($0)) }
        Matrix.threadCount = 2
        let results = UnsafeMutableBufferPointer<[UInt32]>.allocate(capacity: 4)
        results.initialize(repeating: [])
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            let (a, b, c) = inputs[i]
            for _ in 0..<50 {
                var result = c
                Matrix.multiply(a, transposeA: i % 2 == 1, b, into: &result, alpha: 0.5, beta: 1)
                results[i] = result.data.map(\.bitPattern)
            }
        }
        for i in 0..<4 { XCTAssertTrue(results[i] == expected[i], "thread \(i): \(difference(results[i], expected[i]))") }
    }
}
