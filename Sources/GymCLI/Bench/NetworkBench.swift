import Foundation
import Gym
import GymNN

/// Times the network operations an agent's update is made of, on an MLP [4, 256, 256, 2].
struct NetworkBench {
    var repeats: Int

    func run(_ report: BenchReport) {
        var rng = RandomSource(seed: 0)
        let online = MLP(sizes: [4, 256, 256, 2], rng: &rng), target = MLP(sizes: [4, 256, 256, 2], rng: &rng)
        online.computesInputGradient = false
        let adam = Adam(online.parameters)
        let batch = Matrix(rows: 64, columns: 4, data: (0..<256).map { _ in Float(rng.uniform(-1, 1)) })
        let next = Matrix(rows: 64, columns: 4, data: (0..<256).map { _ in Float(rng.uniform(-1, 1)) })
        var gradient = Matrix(rows: 64, columns: 2)
        // Regression targets away from zero: training towards 0 drives Adam's moments into slow denormals.
        var targets = Matrix(rows: 64, columns: 2, data: (0..<128).map { _ in Float(rng.uniform(-1, 1)) })
        let single = [Float](repeating: 0.1, count: 4)
        func perSecond(_ iterations: Int, _ body: () -> Void) -> Double {
            medianRate(repeats: repeats) { _ in
                for _ in 0..<iterations { body() }
                return iterations
            }
        }
        let trainStep = perSecond(2000) {
            online.parameters.zeroGradients()
            let q = online.forward(batch)
            _ = Loss.meanSquaredError(q, targets, gradient: &gradient)
            online.backward(gradient)
            adam.step()
        }
        let dqnUpdate = perSecond(2000) {
            let qNext = target.forward(next)
            for r in 0..<64 { targets[r, 0] = 1 + 0.99 * max(qNext[r, 0], qNext[r, 1]); targets[r, 1] = targets[r, 0] }
            online.parameters.zeroGradients()
            let q = online.forward(batch)
            _ = Loss.huber(q, targets, gradient: &gradient)
            online.backward(gradient)
            adam.step()
        }
        let forwardOne = perSecond(20000) { _ = online.predict(single) }
        let flops = 2.0 * 64 * Double(4 * 256 + 256 * 256 + 256 * 2) * 4  // target + online forward, backward (2x)
        let results: [(String, Double, String)] = [
            ("forward+backward+Adam, batch 64", trainStep, "steps/s"),
            ("DQN update (target forward, online forward+backward, Adam), batch 64", dqnUpdate, "updates/s"),
            ("forward, batch 1 (plain loops)", forwardOne, "forwards/s"),
        ]
        var rows = results.map { [$0.0, String(format: "%.0f %@", $0.1, $0.2)] }
        rows.append(["DQN update time", String(format: "%.3f ms (about %.0f MFLOP, %.1f GFLOP/s)", 1000 / dqnUpdate, flops / 1e6, flops * dqnUpdate / 1e9)])
        report.section("Network core", header: ["MLP [4, 256, 256, 2]", "rate"], rows: rows, records: results.map {
            ["network": "MLP [4, 256, 256, 2]", "measure": .string($0.0), "per_second": .number($0.1.rounded()), "unit": .string($0.2)]
        })
    }
}
