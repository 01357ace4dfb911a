import ArgumentParser
import Foundation
import Gym
import GymMDP

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
