import Foundation
import Gym

extension Checks {
    /// Resident memory in bytes, from /proc/self/statm.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    static let robustness = ConformanceCheck(id: "robustness.random-play", summary: "random steps with random resets neither fail nor grow memory", whenThrown: "random play failed") { env, _, config in
        var rng = RandomSource(seed: config.seed &+ 9)
        try env.reset(seed: config.seed, options: .none)
        let warmup = min(1000, config.robustnessSteps / 10)
        var baseline = 0
        for t in 0..<config.robustnessSteps {
            if t == warmup { baseline = residentBytes() }
            let step = try env.step(env.actionSpace.sampleAction(using: &rng))
            if step.isLast || rng.nextInt(below: 500) == 0 { try env.reset(seed: rng.bernoulli(0.5) ? rng.next() : nil, options: .none) }
        }
        let growth = residentBytes() - baseline
        if growth > 64 << 20 { return .failed(RobustnessMessage.memoryGrew(mebibytes: growth >> 20, steps: config.robustnessSteps)) }
        return .passed
    }
}

/// The verdicts of the robustness check.
enum RobustnessMessage {
    static func memoryGrew(mebibytes: Int, steps: Int) -> String { "resident memory grew by \(mebibytes) MiB over \(steps) steps" }
}
