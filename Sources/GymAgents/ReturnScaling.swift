import Gym
import GymNN

/// Rewards divided by the running standard deviation of the discounted return, as SB3's `VecNormalize`
/// with `norm_reward` (what RL Zoo's `normalize: true` turns on): for each copy, the return so far
/// G = gamma G + r; the statistics take every copy's G; the reward the agent learns from is
/// r / sqrt(var(G) + 1e-8), clipped to [-10, 10]; and G starts again from 0 where an episode ended.
///
/// Only what the agent learns from changes: the returns a run reports are the environment's.
///
/// ```swift
/// var scaling = ReturnScaling(gamma: 0.99, copies: 2)
/// let rewards = scaling.scale([-3, -5], dones: [false, true])   // copy 1's return starts again
/// ```
public struct ReturnScaling: Equatable, Sendable {
    public static let clip = 10.0
    public static let epsilon = 1e-8

    public let gamma: Double
    /// Each copy's discounted return so far.
    public private(set) var returns: [Double]
    /// The statistics of every return seen so far.
    public private(set) var moments = RunningMoments(size: 1)

    public init(gamma: Double, copies: Int) {
        self.gamma = gamma
        returns = Array(repeating: 0, count: copies)
    }

    /// One step of every copy (`rewards` and `dones` hold one per copy): the scaled rewards, in copy order.
    public mutating func scale(_ rewards: [Double], dones: [Bool]) -> [Double] {
        for i in returns.indices { returns[i] = returns[i] * gamma + rewards[i] }
        moments.update(rows: returns)
        let deviation = (moments.variance[0] + Self.epsilon).squareRoot()
        let scaled = rewards.map { min(max($0 / deviation, -Self.clip), Self.clip) }
        for i in returns.indices where dones[i] { returns[i] = 0 }
        return scaled
    }

    func save(into checkpoint: inout Checkpoint, as name: String) {
        checkpoint.set(name + ".returns", doubles: returns)
        checkpoint.set(name + ".moments", moments: moments)
    }

    mutating func restore(from checkpoint: Checkpoint, as name: String) throws {
        returns = try checkpoint.doubles(name + ".returns", count: returns.count)
        moments = try checkpoint.moments(name + ".moments", size: 1)
    }
}

extension Checkpoint {
    /// Saves running statistics under `name`.
    mutating func set(_ name: String, moments: RunningMoments) {
        set(name + ".mean", doubles: moments.mean)
        set(name + ".variance", doubles: moments.variance)
        set(name + ".count", doubles: [moments.count])
    }

    /// Running statistics of `size` elements saved under `name`.
    /// - Throws: `AgentError.checkpoint` when they are missing, of another size, or have a count that is not positive.
    func moments(_ name: String, size: Int) throws -> RunningMoments {
        let mean = try doubles(name + ".mean", count: size), variance = try doubles(name + ".variance", count: size)
        let count = try doubles(name + ".count", count: 1)[0]
        guard count > 0, variance.allSatisfy({ $0 >= 0 }) else {
            throw AgentError.checkpoint("\(name) has a count of \(count) or a negative variance")
        }
        return RunningMoments(mean: mean, variance: variance, count: count)
    }
}
