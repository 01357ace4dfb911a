import ArgumentParser
import Foundation
import Gym
import GymMDP
import GymNN

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure environment steps per second (raw and through the standard wrappers).",
        discussion: """
            Each measurement steps one environment with pre-drawn random actions, resetting at episode ends,
            and reports the median of --repeats runs. cartpole-v1 is also compared with a hand-written
            Swift CartPole. Build in release mode (make bench) for meaningful numbers.
            """)

    @Argument(help: "Environment ids (default: the shipped set).")
    var ids: [String] = []

    @Option(help: "Steps per measurement.")
    var steps: Int = 200_000

    @Option(help: "Measurements per environment; the median is reported.")
    var repeats: Int = 5

    @Flag(help: "Print one JSON object per measurement.")
    var json = false

    @Flag(help: "Also measure the neural-network core: an MLP [4, 256, 256, 2] at batch 64 and batch 1, and a DQN update.")
    var networks = false

    static let defaultIDs = ["gridworld-v1", "frozen-lake-8x8-v1", "cartpole-v1", "pendulum-v1", "demand-v1", "rock-paper-scissors-exploiter-v1"]

    func validate() throws {
        guard steps > 0, repeats > 0 else { throw ValidationError("--steps and --repeats must be positive") }
    }

    func run() throws {
        #if DEBUG
        let mode = "debug"
        #else
        let mode = "release"
        #endif
        if !json { print("gym bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(mode) build, \(steps) steps, median of \(repeats)") }
        var rows: [[String]] = []
        func report(_ id: String, _ variant: String, _ rate: Double) {
            if json {
                print(JSONValue.object(["id": .string(id), "variant": .string(variant), "steps_per_second": .number(rate.rounded()),
                                        "build": .string(mode)]).encoded())
            } else {
                rows.append([id, variant, String(format: "%.0f", rate)])
            }
        }
        for id in ids.isEmpty ? Bench.defaultIDs : ids {
            report(id, "raw", try measure { try Registry.shared.makeUnwrapped(id) })
            report(id, "wrapped (make)", try measure { try Registry.shared.make(id) })
            if id == "cartpole-v1" { report(id, "hand-written Swift", try measure { ReferenceCartPole() }) }
        }
        if !json { print(Table.render(header: ["environment", "variant", "steps/s"], rows: rows)) }
        if networks { try benchNetworks(json: json, mode: mode) }
    }

    /// Times the network operations an agent's update is made of, on an MLP [4, 256, 256, 2].
    func benchNetworks(json: Bool, mode: String) throws {
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
            var rates: [Double] = []
            for _ in 0..<repeats {
                let start = DispatchTime.now().uptimeNanoseconds
                for _ in 0..<iterations { body() }
                rates.append(Double(iterations) / (Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9))
            }
            return rates.sorted()[rates.count / 2]
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
        if json {
            for (name, rate, unit) in results {
                print(JSONValue.object(["network": "MLP [4, 256, 256, 2]", "measure": .string(name), "per_second": .number(rate.rounded()),
                                        "unit": .string(unit), "build": .string(mode)]).encoded())
            }
        } else {
            print("")
            print(Table.render(header: ["MLP [4, 256, 256, 2]", "rate"], rows: results.map { [$0.0, String(format: "%.0f %@", $0.1, $0.2)] }))
            print(String(format: "DQN update: %.3f ms (about %.0f MFLOP, %.1f GFLOP/s)", 1000 / dqnUpdate, flops / 1e6, flops * dqnUpdate / 1e9))
        }
    }

    /// Median steps per second of `repeats` runs of `steps` steps.
    func measure(_ make: () throws -> Environment) throws -> Double {
        let env = try make()
        var rng = RandomSource(seed: 1)
        let actions = (0..<4096).map { _ in env.actionSpace.sampleAction(using: &rng) }
        var rates: [Double] = []
        let steps = self.steps  // a local: the option's property wrapper is slow to read in the loop
        for r in 0..<repeats {
            try env.reset(seed: UInt64(r))
            let start = DispatchTime.now().uptimeNanoseconds
            var i = 0
            while i < steps {
                if try env.step(actions[i & 4095]).isLast { try env.reset() }
                i += 1
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            rates.append(Double(steps) / seconds)
        }
        return rates.sorted()[rates.count / 2]
    }
}
