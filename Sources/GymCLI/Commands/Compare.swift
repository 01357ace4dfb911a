import ArgumentParser

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train several agents on one environment over several seeds; print a table and write one SVG with all curves.",
        discussion: """
            Each agent is trained on seeds 0..<--seeds with the same budget; each run is a `gym train` of its own, \
            in DIR/runs/AGENT-seedS. The table gives the mean final greedy evaluation across seeds with its standard \
            deviation, and the training time summed over seeds. --set key=value applies to every agent; \
            --set agent.key=value to one (dqn.learning_rate=0.001). Writes DIR/compare.svg, DIR/compare.csv and \
            DIR/compare.html. Run again into the same DIR, it keeps the runs that finished with the same arguments \
            and makes the rest. With --ray ADDRESS each run is a Ray task on a cluster (see `gym sweep --help`). \
            With --json each agent's row is one JSON object.
            """)

    @OptionGroup var options: SweepOptions

    func run() throws {
        try SweepInvocation(command: .compare, options: options, grid: []).run()
    }
}
