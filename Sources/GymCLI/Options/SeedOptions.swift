import ArgumentParser
import Gym

/// `--seed`: the one seed a command draws everything from. Every command defaults to 0, so that a
/// command run twice prints the same thing.
struct SeedOptions: ParsableArguments {
    @Option(help: "The seed of everything the command draws at random: the environment's episodes, and the agent, the policy or the checks.")
    var seed: UInt64 = 0

    /// The seed of an agent that acts in an environment seeded with `seed` (evaluate, rollout): a stream
    /// apart, since a generator seeded alike would draw the environment's own numbers.
    var agentSeed: UInt64 {
        var streams = SplitMix64(seed: seed)
        return streams.next()
    }
}
