import ArgumentParser

/// `--json`: machine-readable output instead of text.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of text (one object per line where there are several results).")
    var json = false
}
