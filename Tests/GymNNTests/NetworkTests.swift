import Gym
import GymNN
import XCTest

final class NetworkTests: XCTestCase {
    func testMatrixProductsAgreeWithNaiveLoopsForEveryShapeAndTransposition() {
        var rng = RandomSource(seed: 2)
        for rows in [1, 3, 4, 9] {
            for transposeB in [false, true] {
                let k = 5, n = 7
                let a = Matrix(rows: rows, columns: k, data: (0..<rows * k).map { _ in Float(rng.uniform(-1, 1)) })
                let b = transposeB ? Matrix(rows: n, columns: k, data: (0..<n * k).map { _ in Float(rng.uniform(-1, 1)) })
                    : Matrix(rows: k, columns: n, data: (0..<k * n).map { _ in Float(rng.uniform(-1, 1)) })
                var c = Matrix(rows: rows, columns: n, repeating: 1)
                Matrix.multiply(a, b, transposeB: transposeB, into: &c, alpha: 2, beta: 0.5)
                for i in 0..<rows {
                    for j in 0..<n {
                        var expected: Float = 0
                        for p in 0..<k { expected += a[i, p] * (transposeB ? b[j, p] : b[p, j]) }
                        XCTAssertEqual(c[i, j], 2 * expected + 0.5, accuracy: 1e-5)
                    }
                }
            }
        }
    }

    func testBatchedAndSingleRowPathsAgree() {
        var rng = RandomSource(seed: 3)
        let net = MLP(sizes: [4, 16, 16, 3], activation: .tanh, rng: &rng)
        let rows = (0..<8).map { _ in (0..<4).map { _ in Float(rng.uniform(-2, 2)) } }
        let batched = net.forward(Matrix(rows: 8, columns: 4, data: rows.flatMap { $0 }))
        for (r, row) in rows.enumerated() {
            let single = net.predict(row)
            for c in 0..<3 { XCTAssertEqual(single[c], batched[r, c], accuracy: 1e-5) }
        }
    }

    func testAdamMatchesHandComputedSteps() {
        let p = Parameter([1.0, -2.0], shape: [2])
        let adam = Adam([p], learningRate: 0.1)
        p.gradient = [0.5, -1.0]
        adam.step()
        // Step 1: m = 0.1 g, v = 0.001 g^2, m_hat = g, v_hat = g^2, update = lr * g / (|g| + eps).
        XCTAssertEqual(p.value[0], 1.0 - 0.1 * 0.5 / (0.5 + 1e-8), accuracy: 1e-6)
        XCTAssertEqual(p.value[1], -2.0 + 0.1, accuracy: 1e-6)
        p.gradient = [0.1, -1.0]
        adam.step()
        let m = 0.9 * 0.05 + 0.1 * 0.1, v = 0.999 * 0.00025 + 0.001 * 0.01
        let mHat = m / (1 - 0.81), vHat = v / (1 - 0.998001)
        XCTAssertEqual(Double(p.value[0]), (1.0 - 0.1 * 0.5 / (0.5 + 1e-8)) - 0.1 * mHat / (vHat.squareRoot() + 1e-8), accuracy: 1e-6)
    }

    func testGradientClippingAndTargetUpdates() {
        let a = Parameter([0, 0], shape: [2]), b = Parameter([1, 1], shape: [2])
        a.gradient = [3, 4]
        let norm = [a].clipGradientNorm(1)
        XCTAssertEqual(norm, 5)
        XCTAssertEqual([a].gradientNorm(), 1, accuracy: 1e-5)
        [a].polyakUpdate(from: [b], tau: 0.25)
        XCTAssertEqual(a.value, [0.25, 0.25])
        [a].copyValues(from: [b])
        XCTAssertEqual(a.value, [1, 1])
    }

    func testOrthogonalInitialisationHasOrthonormalColumns() {
        var rng = RandomSource(seed: 4)
        let layer = Linear(inputs: 8, outputs: 3, initialization: .orthogonal(gain: 2), rng: &rng)
        for i in 0..<3 {
            for j in 0..<3 {
                var dot: Float = 0
                for k in 0..<8 { dot += layer.weight.value[k * 3 + i] * layer.weight.value[k * 3 + j] }
                XCTAssertEqual(dot, i == j ? 4 : 0, accuracy: 1e-4)
            }
        }
        XCTAssertEqual(layer.bias.value, [0, 0, 0])
    }

    func testTinyRegressionReachesAFixedLoss() {
        var rng = RandomSource(seed: 5)
        let net = MLP(sizes: [1, 32, 32, 1], activation: .tanh, rng: &rng)
        let adam = Adam(net.parameters, learningRate: 0.01)
        let xs = (0..<64).map { Float(-Double.pi + 2 * Double.pi * Double($0) / 63) }
        let input = Matrix(rows: 64, columns: 1, data: xs), target = Matrix(rows: 64, columns: 1, data: xs.map { sinf($0) })
        var gradient = Matrix(rows: 0, columns: 0)
        var loss: Float = .infinity
        for _ in 0..<1500 {
            net.parameters.zeroGradients()
            loss = Loss.meanSquaredError(net.forward(input), target, gradient: &gradient)
            net.backward(gradient)
            adam.step()
        }
        XCTAssertLessThan(loss, 0.002)
    }

    func testTinyClassificationSeparatesXOR() {
        var rng = RandomSource(seed: 6)
        let net = MLP(sizes: [2, 16, 2], activation: .relu, rng: &rng)
        let adam = Adam(net.parameters, learningRate: 0.05)
        let input = Matrix(rows: 4, columns: 2, data: [0, 0, 0, 1, 1, 0, 1, 1])
        let labels = [0, 1, 1, 0]
        var gradient = Matrix(rows: 0, columns: 0)
        for _ in 0..<300 {
            net.parameters.zeroGradients()
            let logits = net.forward(input)
            // Maximise the mean log-likelihood: descend on its negative.
            _ = Categorical.logProbabilities(logits, actions: labels, weights: [-0.25, -0.25, -0.25, -0.25], gradient: &gradient)
            net.backward(gradient)
            adam.step()
        }
        let probabilities = Categorical.probabilities(net.forward(input))
        for (r, label) in labels.enumerated() { XCTAssertGreaterThan(probabilities[r, label], 0.95, "row \(r)") }
    }

    func testCheckpointRoundTripIsBitExactAndChecksTheArchitecture() throws {
        var rng = RandomSource(seed: 7)
        let net = MLP(sizes: [3, 8, 2], rng: &rng)
        let adam = Adam(net.parameters)
        net.parameters.forEach { p in for i in p.gradient.indices { p.gradient[i] = Float(i) * 0.01 } }
        adam.step()
        var checkpoint = Checkpoint(metadata: ["agent": "test"])
        checkpoint.set("q", network: net)
        checkpoint.set("q.adam", adam: adam)
        checkpoint.set("log_std", shape: [2], values: [-0.5, .pi])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-\(getpid()).ckpt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try checkpoint.write(to: path)
        let loaded = try Checkpoint.read(from: path)
        XCTAssertEqual(loaded.metadata["agent"], "test")
        var other = RandomSource(seed: 99)
        let copy = MLP(sizes: [3, 8, 2], rng: &other)
        try loaded.load("q", into: copy)
        for (a, b) in zip(net.parameters, copy.parameters) { XCTAssertEqual(a.value.map(\.bitPattern), b.value.map(\.bitPattern)) }
        let adamCopy = Adam(copy.parameters)
        try loaded.load("q.adam", into: adamCopy)
        XCTAssertEqual(adamCopy.stepCount, 1)
        XCTAssertEqual(adamCopy.secondMoments, adam.secondMoments)
        XCTAssertEqual(try loaded.values("log_std"), [-0.5, .pi])
        let wrong = MLP(sizes: [3, 9, 2], rng: &other)
        XCTAssertThrowsError(try loaded.load("q", into: wrong)) { error in
            XCTAssertTrue("\(error)".contains("is MLP(3-8-2, relu, output identity), but this agent's is MLP(3-9-2"), "\(error)")
        }
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Checkpoint.read(from: path)) { XCTAssertTrue("\($0)".contains("not a SwiftGym checkpoint"), "\($0)") }
    }
}
