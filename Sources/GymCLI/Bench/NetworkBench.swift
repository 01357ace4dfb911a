import Foundation
import Gym
import GymNN

/// Times the network operations an agent's update is made of, on an MLP [4, 256, 256, 2], and an
/// actor-critic's critic step at batch 256 on one thread and on two.
struct NetworkBench {
    var repeats: Int
    /// Also time the critic step on both thread counts beside one busy process (`BusyNeighbour`).
    var besideBusy = false

    func run(_ report: BenchReport) throws {
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
        let trainStep = perSecond(2000) { Self.regressionStep(online, adam, batch, targets, &gradient) }
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
        let (criticSteps, busySteps) = try criticStepRates(&rng)
        let flops = 2.0 * 64 * Double(4 * 256 + 256 * 256 + 256 * 2) * 4  // target + online forward, backward (2x)
        let results: [(String, Double, String)] = [
            ("forward+backward+Adam, batch 64", trainStep, "steps/s"),
            ("DQN update (target forward, online forward+backward, Adam), batch 64", dqnUpdate, "updates/s"),
            ("forward, batch 1 (plain loops)", forwardOne, "forwards/s"),
            ("critic step [4, 256, 256, 1] (forward+backward+Adam), batch 256, 1 thread", criticSteps[0], "steps/s"),
            ("the same critic step on 2 threads (--threads 2)", criticSteps[1], "steps/s"),
        ]
        var rows = results.map { [$0.0, String(format: "%.0f %@", $0.1, $0.2)] }
        rows.append(["DQN update time", String(format: "%.3f ms (about %.0f MFLOP, %.1f GFLOP/s)", 1000 / dqnUpdate, flops / 1e6, flops * dqnUpdate / 1e9)])
        let criticFlops = 2.0 * 256 * Double(4 * 256 + 256 * 256 + 256) * 3  // forward, and backward's dW and dX (2x)
        rows.append(["critic step time, 1 and 2 threads", String(format: "%.3f and %.3f ms (about %.0f MFLOP; 2 threads %.2fx faster)",
                                                                1000 / criticSteps[0], 1000 / criticSteps[1], criticFlops / 1e6, criticSteps[1] / criticSteps[0])])
        if busySteps.count == 2 {
            rows.append(["critic step time beside one busy process, 1 and 2 threads",
                         String(format: "%.3f and %.3f ms (2 threads %.2fx of 1)", 1000 / busySteps[0], 1000 / busySteps[1], busySteps[1] / busySteps[0])])
        }
        rows.append(["BLAS kernel", Matrix.blasKernel])
        report.section("Network core", header: ["MLP [4, 256, 256, 2]", "rate"], rows: rows, records: results.map {
            ["network": "MLP [4, 256, 256, 2]", "measure": .string($0.0), "per_second": .number($0.1.rounded()), "unit": .string($0.2)]
        })
    }

    /// The median rate of `iterations` calls of `body`, over `repeats` measurements.
    private func perSecond(_ iterations: Int, _ body: () -> Void) -> Double {
        medianRate(repeats: repeats) { _ in
            for _ in 0..<iterations { body() }
            return iterations
        }
    }

    /// One regression step: forward, mean squared error, backward and Adam.
    private static func regressionStep(_ network: MLP, _ optimizer: Adam, _ input: Matrix, _ targets: Matrix, _ gradient: inout Matrix) {
        network.parameters.zeroGradients()
        _ = Loss.meanSquaredError(network.forward(input), targets, gradient: &gradient)
        network.backward(gradient)
        optimizer.step()
    }

    /// An actor-critic's critic step, [4, 256, 256, 1] at batch 256, on one thread and on two (row blocks):
    /// on the idle machine, and (with `besideBusy`) beside one busy process; empty when not measured.
    private func criticStepRates(_ rng: inout RandomSource) throws -> (idle: [Double], busy: [Double]) {
        let critic = MLP(sizes: [4, 256, 256, 1], rng: &rng)
        critic.computesInputGradient = false
        let criticAdam = Adam(critic.parameters)
        let criticBatch = Matrix(rows: 256, columns: 4, data: (0..<1024).map { _ in Float(rng.uniform(-1, 1)) })
        let criticTargets = Matrix(rows: 256, columns: 1, data: (0..<256).map { _ in Float(rng.uniform(-1, 1)) })
        var criticGradient = Matrix(rows: 256, columns: 1)
        let threads = Matrix.threadCount
        defer { Matrix.threadCount = threads }
        let stepsOn = { (counts: [Int]) in counts.map { count -> Double in
            Matrix.threadCount = count
            return perSecond(500) { Self.regressionStep(critic, criticAdam, criticBatch, criticTargets, &criticGradient) }
        } }
        let idle = stepsOn([1, 2])
        guard besideBusy else { return (idle, []) }
        let neighbour = try BusyNeighbour()
        defer { neighbour.stop() }
        return (idle, stepsOn([1, 2]))
    }
}
