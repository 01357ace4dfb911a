import ArgumentParser
import Foundation
import Gym
import GymMDP
import GymPlanning
import GymRuns

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Solve an MDP with a known model exactly: optimal state values and a greedy policy; or a game: its equilibria.",
        discussion: """
            Games whose players are all agents (matrix games with "players", Gambit .nfg files) print their Nash \
            equilibria: two-player zero-sum games by linear programming (GLPK's exact simplex), with the value; \
            other two-player games by support enumeration, flagging degenerate games whose list may be incomplete. \
            
            Works for tabular and grid MDPs and for matrix games with observation "none" against a mixed \
            opponent. Grids print their values laid out like the grid and the policy as a map of arrows. \
            Value iteration stops when the Bellman residual guarantees values within --tolerance.
            """)

    @OptionGroup var environment: EnvironmentOptions

    @Option(help: "Discount factor (default: the file's \"discount\", else 0.99).")
    var gamma: Double?

    @Option(help: "value-iteration or policy-iteration; for games, linear-program or support-enumeration (default: the LP for zero-sum games, else support enumeration).")
    var method: String = "value-iteration"

    @Option(help: "Target accuracy of the values.")
    var tolerance: Double = 1e-10

    @Option(help: "Print the first N states of a model that is not a grid (default: all up to 50, else 30; --all: all).")
    var top: Int?

    @Option(help: "Also write the value map of a grid as SVG: a heatmap of the values with the greedy policy's arrows.")
    var svg: String?

    @OptionGroup var detail: DetailOptions

    @OptionGroup var output: OutputOptions

    /// How many action values a state's row shows, best first, without --all.
    static let shownActionValues = 3

    func validate() throws {
        guard ["value-iteration", "policy-iteration", "linear-program", "support-enumeration"].contains(method) else {
            throw ValidationError("unknown method '\(method)'; use value-iteration or policy-iteration (games: linear-program or support-enumeration)")
        }
        if let gamma, !(gamma >= 0 && gamma <= 1) { throw ValidationError("--gamma must be in [0, 1]") }
    }

    func run() throws {
        let resolved = try environment.resolve()
        if resolved.isGame { return try solveGame(resolved) }
        let env = try resolved.make()
        guard let modelled = env.unwrapped as? ModelledEnvironment, let model = modelled.knownModel else {
            throw GymError.invalidArgument("\(environment.environment) has no known tabular model to solve "
                + "(solvable: tabular and grid MDPs, matrix games with observation \"none\" against a mixed opponent)")
        }
        let gamma = self.gamma ?? env.metadata.discount ?? 0.99
        let solution = method == "policy-iteration"
            ? try PolicyIteration.solve(model, gamma: gamma, tolerance: tolerance)
            : try ValueIteration.solve(model, gamma: gamma, tolerance: tolerance)
        let grid = (env.unwrapped as? GridEnvironment)?.grid
        if let svg {
            guard let grid else {
                throw GymError.invalidArgument("--svg draws the value map of a grid; \(resolved.id) is not a grid (gym solve prints its values)")
            }
            let settings = resolved.overrides.sorted { $0.key < $1.key }.map { "\($0.key) = \(JSONValue.format($0.value))" }
            let title = ["\(resolved.id): optimal values and greedy policy", (["γ = \(JSONValue.format(gamma))"] + settings).joined(separator: ", ")]
            try grid.valueMap(values: solution.values, policy: solution.policy, actionNames: model.actionNames, title: title).svg
                .write(toFile: svg, atomically: true, encoding: .utf8)
        }
        if output.json {
            printJSON(model: model, solution: solution, grid: grid)
        } else {
            printText(model: model, solution: solution, grid: grid, id: resolved.id)
        }
    }

    private func printJSON(model: TabularModel, solution: Solution, grid: GridLayout?) {
        var object: [String: JSONValue] = [
            "gamma": .number(solution.gamma),
            "iterations": .number(Double(solution.iterations)),
            "method": .string(method),
            "states": .array(model.stateNames.map { .string($0) }),
            "values": .array(solution.values.map { .number($0) }),
            "policy": .array((0..<model.stateCount).map { model.terminal[$0] ? .null : .string(model.actionNames[solution.policy[$0]]) }),
            "terminal": .array(model.terminal.map { .bool($0) }),
        ]
        if let grid {
            object["grid_values"] = .array(grid.stateOfCell.map { row in .array(row.map { $0.map { .number(solution.values[$0]) } ?? .null }) })
        }
        print(JSONValue.object(object).encoded())
    }

    private func printText(model: TabularModel, solution: Solution, grid: GridLayout?, id: String) {
        print("\(id): \(method), gamma \(JSONValue.format(solution.gamma)), \(solution.iterations) \(method == "value-iteration" ? "sweeps" : "rounds"), "
            + "residual \(String(format: "%.1e", solution.residual))")
        if let start = model.start.first, model.start.count == 1 {
            print("value of the start state \(model.stateNames[start.state]): \(String(format: "%.4f", solution.values[start.state]))")
        }
        print("")
        if let grid {
            let arrows = ["up": "↑", "right": "→", "down": "↓", "left": "←"]
            var valueRows: [[String]] = [], policyRows: [String] = []
            for (r, row) in grid.stateOfCell.enumerated() {
                var cells: [String] = [], arrowsLine = ""
                for (c, state) in row.enumerated() {
                    let ch = String(grid.rows[r][grid.rows[r].index(grid.rows[r].startIndex, offsetBy: c)])
                    guard let s = state else { cells.append("#"); arrowsLine += "#"; continue }
                    if model.terminal[s] {
                        cells.append("[\(ch)]")
                        arrowsLine += ch
                    } else {
                        cells.append(String(format: "%.3f", solution.values[s]))
                        arrowsLine += arrows[model.actionNames[solution.policy[s]]] ?? "?"
                    }
                }
                valueRows.append(cells)
                policyRows.append(arrowsLine)
            }
            let width = valueRows.flatMap { $0 }.map(\.count).max() ?? 0
            print("values (terminal cells in brackets; they are worth 0 once entered):")
            for row in valueRows { print("  " + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ")) }
            print("")
            print("greedy policy:")
            for line in policyRows { print("  " + line.map { String($0) }.joined(separator: " ")) }
        } else {
            if let map = Solve.policyMap(model: model, solution: solution) {
                print("greedy policy, laid out by the 'row,column' state names (T terminal):")
                for line in map { print("  " + line) }
                print("")
            }
            let shown = min(model.stateCount, top ?? (detail.all || model.stateCount <= 50 ? model.stateCount : 30))
            var rows: [[String]] = []
            for s in 0..<shown {
                rows.append([model.stateNames[s], String(format: "%.6f", solution.values[s]),
                             model.terminal[s] ? "(terminal)" : model.actionNames[solution.policy[s]],
                             model.terminal[s] ? "" : actionValues(s, model: model, solution: solution)])
            }
            print(Table.render(header: ["state", "value", "action", "action values"], rows: rows))
            if shown < model.stateCount { print("... \(model.stateCount - shown) more states (--top N shows N, --all or --json all)") }
            if Abridged.cuts(model.actionCount, limit: Solve.shownActionValues, all: detail.all) {
                print("action values: the best \(Solve.shownActionValues) of \(model.actionCount) of each state (--all prints every one, in the model's order)")
            }
        }
    }

    /// State `s`'s action values as `name=value`: in the model's order when all are shown, else the best
    /// few, best first, and how many more.
    private func actionValues(_ s: Int, model: TabularModel, solution: Solution) -> String {
        let q = solution.actionValues[(s * model.actionCount)..<((s + 1) * model.actionCount)].map { $0 }
        var order = Array(q.indices)
        if Abridged.cuts(q.count, limit: Solve.shownActionValues, all: detail.all) {
            order.sort { q[$0] != q[$1] ? q[$0] > q[$1] : $0 < $1 }
        }
        let entries = order.map { "\(model.actionNames[$0])=\(String(format: "%.4f", q[$0]))" }
        return Abridged.list(entries, limit: Solve.shownActionValues, all: detail.all, separator: " ")
    }

    /// The policy as a map when every state is named `row,column`: an arrow for up, right, down and left,
    /// the first letter of other actions, T for terminal states, blank where no state is.
    static func policyMap(model: TabularModel, solution: Solution) -> [String]? {
        var cells: [(Int, Int)] = []
        for name in model.stateNames {
            let parts = name.split(separator: ",")
            guard parts.count == 2, let r = Int(parts[0]), let c = Int(parts[1]), r >= 0, c >= 0, r < 200, c < 200 else { return nil }
            cells.append((r, c))
        }
        let rows = cells.map(\.0).max()! + 1, columns = cells.map(\.1).max()! + 1
        var grid = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        let arrows = ["up": "↑", "right": "→", "down": "↓", "left": "←", "north": "↑", "east": "→", "south": "↓", "west": "←"]
        for (s, (r, c)) in cells.enumerated() {
            let action = model.actionNames[solution.policy[s]]
            grid[r][c] = model.terminal[s] ? "T" : arrows[action.lowercased()] ?? String(action.prefix(1))
        }
        return grid.map { $0.joined(separator: " ") }
    }
}
