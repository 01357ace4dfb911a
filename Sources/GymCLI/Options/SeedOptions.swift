import ArgumentParser

/// `--seed`: the one seed a command draws everything from. Every command defaults to 0, so that a
/// command run twice prints the same thing.
struct SeedOptions: ParsableArguments {
    @Option(help: "The seed of everything the command draws at random: the environment's episodes, and the agent, the policy or the checks.")
    var seed: UInt64 = 0
}
