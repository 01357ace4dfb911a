import Foundation
import Gym

/// One step as recorded for comparisons: observation, reward bits and flags.
struct Record: Equatable {
    var observation: Observation
    var rewardBits: UInt64
    var terminated: Bool
    var truncated: Bool

    init(_ step: Step) {
        observation = step.observation
        rewardBits = step.reward.bitPattern
        terminated = step.terminated
        truncated = step.truncated
    }

    /// The first observation of an episode.
    init(start observation: Observation) {
        self.observation = observation
        rewardBits = 0
        terminated = false
        truncated = false
    }
}

/// Runs `steps` seeded random steps from `reset(seed:)`, resetting (without a seed) at episode ends;
/// `between` is called before every step (to show that calling something there changes nothing).
func trajectory(_ env: Environment, seed: UInt64, actionSeed: UInt64, steps: Int, between: ((Environment) throws -> Void)? = nil) throws -> [Record] {
    var actions = RandomSource(seed: actionSeed)
    let (first, _) = try env.reset(seed: seed, options: .none)
    var records = [Record(start: first)]
    for _ in 0..<steps {
        try between?(env)
        let step = try env.step(env.actionSpace.sampleAction(using: &actions))
        records.append(Record(step))
        if step.isLast { records.append(Record(start: try env.reset(seed: nil, options: .none).observation)) }
    }
    return records
}

/// The first place two trajectories differ, described.
func firstDifference(_ a: [Record], _ b: [Record]) -> String? {
    for (i, (x, y)) in zip(a, b).enumerated() where x != y {
        if x.observation != y.observation { return "record \(i): observation \(x.observation) vs \(y.observation)" }
        if x.rewardBits != y.rewardBits { return "record \(i): reward \(Double(bitPattern: x.rewardBits)) vs \(Double(bitPattern: y.rewardBits))" }
        return "record \(i): flags (\(x.terminated), \(x.truncated)) vs (\(y.terminated), \(y.truncated))"
    }
    return a.count == b.count ? nil : "lengths \(a.count) and \(b.count)"
}

/// Describes an error for a failure message.
func describe(_ error: Error) -> String { "\(type(of: error)): \(error)" }

