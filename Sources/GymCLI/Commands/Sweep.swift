import ArgumentParser
import Gym
import GymRuns

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train every agent at every point of a settings grid over several seeds, here or as Ray tasks on a cluster.",
        discussion: """
            A run is an agent, a grid point and a seed: one `gym train` of its own, in DIR/runs/NAME \
            (ppo-learning_rate=0.001-seed0). --grid key=v1,v2 is an axis of the grid (repeatable; key may be \
            agent.key for one agent); --set key=value fixes a setting for every run. The table gives each \
            configuration's mean final greedy evaluation across seeds with its standard deviation, and its \
            training time summed over seeds. Writes DIR/sweep.svg, DIR/sweep.csv and DIR/sweep.html. \
            Run again into the same DIR, it keeps the runs that finished with the same arguments and makes the rest. \
            With --ray ADDRESS every run is a Ray task that runs `gym train` on whichever node has a free CPU, and its \
            directory comes back here; a seeded run gives the same files as here. The driver is \
            `python -m swiftgym.cluster` in the Python --python names, which needs ray and swiftgym; every node needs \
            this gym executable at the same path. A run that fails, or whose worker is killed, is reported by name and \
            tried once more; the other runs are kept, and the exit status is 1. See Specs/cluster.md.
            """)

    @OptionGroup var options: SweepOptions

    @Option(help: ArgumentHelp("An axis of the grid: --grid key=v1,v2,... (repeatable; agent.key for one agent).", valueName: "key=values"))
    var grid: [String] = []

    /// The grid's axes, in the order given.
    func axes() throws -> [SweepPlan.Axis] {
        var axes: [SweepPlan.Axis] = []
        for (key, text) in try assignments(grid, form: "key=v1,v2,...", what: "grid axis") {
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !values.contains(where: \.isEmpty) else { throw AssignmentError(item: "\(key)=\(text)", what: "grid axis", form: "key=v1,v2,...") }
            if axes.contains(where: { $0.key == key }) { throw GymError.invalidArgument("--grid \(key) is given twice; give all its values in one --grid") }
            axes.append(SweepPlan.Axis(key: key, values: values))
        }
        return axes
    }

    func run() throws {
        try SweepInvocation(command: .sweep, options: options, grid: try axes()).run()
    }
}
