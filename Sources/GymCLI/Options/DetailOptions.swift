import ArgumentParser

/// `--all`: text output in full. Without it, text shows what a person reads: the best few action values,
/// the nonzero probabilities, the first few of long lists, each cut marked with how much more there is.
/// `--json` always has everything.
struct DetailOptions: ParsableArguments {
    @Flag(help: "Print all of it: every action value and state, every probability (zeros too), every action (--json always does).")
    var all = false
}
