import Gym
import GymGames
import GymJSON

/// The `matrix-game` kind with `players`: a repeated normal-form game in which every player learns.
extension MatrixGameKind {
    static let playerMembers = ["players", "actions", "payoff", "payoffs", "rounds", "observation"]

    static func compilePlayers(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        let root = JSONPath.root
        for member in ["opponent", "opponent_actions", "opponent_payoff"] where json[member] != nil {
            reader.fail(root.key(member), "a game with 'players' has no opponent model; every player is an agent (remove '\(member)')")
        }
        guard let players = reader.names(json["players"], at: root.key("players")) else { return nil }
        guard players.count >= 2, players.count <= ModelLimits.maxPlayers else {
            reader.fail(root.key("players"), "a game has from 2 to \(ModelLimits.maxPlayers) players, got \(players.count)")
            return nil
        }
        let rounds = reader.integer(json["rounds"], at: root.key("rounds"), "a positive integer of at most \(ModelLimits.maxEpisodeSteps)") {
            $0 > 0 && $0 <= ModelLimits.maxEpisodeSteps
        }
        let observation = TabularKind.observationName(json["observation"], allowed: ["none", "last-moves"], reader)
        guard let actions = readPlayerActions(json["actions"], players: players, reader) else { return nil }
        var total = 1
        for list in actions {
            total = total.multipliedReportingOverflow(by: list.count).overflow ? Int.max : total * list.count
        }
        guard ModelLimits.check(total, ModelLimits.maxPayoffEntries / players.count, "pure profiles", at: root.key("actions"), reader)
        else { return nil }
        let payoffs: [[Double]]?
        switch (json["payoff"], json["payoffs"]) {
        case (.some, .some):
            reader.fail(root.key("payoffs"), "give either 'payoff' (two-player zero-sum: the first player's matrix) or 'payoffs' (one array per player), not both")
            return nil
        case (.some(let matrix), nil):
            guard players.count == 2 else {
                reader.fail(root.key("payoff"), "a single 'payoff' matrix describes a two-player zero-sum game, but there are \(players.count) players; use 'payoffs'")
                return nil
            }
            payoffs = readMatrix(matrix, at: root.key("payoff"), rows: actions[0].count, columns: actions[1].count, reader)
                .map { let first = $0.flatMap { $0 }; return [first, first.map { -$0 }] }
        case (nil, .some(let node)):
            payoffs = readPayoffArrays(node, players: players, actions: actions, reader)
        case (nil, nil):
            reader.fail(root, "required member 'payoff' or 'payoffs' is missing")
            return nil
        }
        guard let payoffs, let rounds, reader.issues.isEmpty,
              let game = try? NormalFormGame(players: players, actions: actions, payoffs: payoffs) else { return nil }
        var header = header
        header.maxEpisodeSteps = rounds
        let flat = payoffs.flatMap { $0 }
        let metadata = header.metadata(isStochastic: false, rewardRange: flat.min()!...flat.max()!, actionNames: nil)
        let lastMoves = observation == "last-moves"
        return MDPDefinition(header: header, model: nil, grid: nil, game: game,
                             makeEnvironment: { throw MultiAgentGameError(id: header.id, players: players) },
                             makeMultiAgentEnvironment: {
                                 try MatrixGameParallelEnvironment(game: game, rounds: rounds, observesLastMoves: lastMoves, metadata: metadata)
                             })
    }

    /// `actions`: one list for every player, or an object with a list per player (in player order).
    static func readPlayerActions(_ node: OrderedJSON?, players: [String], _ reader: SpecReader) -> [[String]]? {
        let path = JSONPath.root.key("actions")
        guard let node else { return nil }
        if case .array = node {
            guard let list = reader.names(node, at: path) else { return nil }
            guard ModelLimits.check(list.count, ModelLimits.maxActions, "actions", at: path, reader) else { return nil }
            return players.map { _ in list }
        }
        guard let members = reader.object(node, at: path) else { return nil }
        var lists = [[String]?](repeating: nil, count: players.count)
        for (name, value) in members {
            guard let p = players.firstIndex(of: name) else {
                reader.fail(path.key(name), "unknown player '\(name)'; the players are \(players.joined(separator: ", "))")
                continue
            }
            lists[p] = reader.names(value, at: path.key(name))
            if let list = lists[p], !ModelLimits.check(list.count, ModelLimits.maxActions, "actions", at: path.key(name), reader) { lists[p] = nil }
        }
        for (p, name) in players.enumerated() where lists[p] == nil && !members.contains(where: { $0.0 == name }) {
            reader.fail(path, "no actions for player '\(name)'")
        }
        guard lists.allSatisfy({ $0 != nil }) else { return nil }
        return lists.map { $0! }
    }

    /// `payoffs`: an object with, for every player, an n-dimensional array indexed by the players'
    /// actions in player order.
    static func readPayoffArrays(_ node: OrderedJSON, players: [String], actions: [[String]], _ reader: SpecReader) -> [[Double]]? {
        let path = JSONPath.root.key("payoffs")
        guard let members = reader.object(node, at: path) else { return nil }
        var arrays = [[Double]?](repeating: nil, count: players.count)
        for (name, value) in members {
            guard let p = players.firstIndex(of: name) else {
                reader.fail(path.key(name), "unknown player '\(name)'; the players are \(players.joined(separator: ", "))")
                continue
            }
            var values: [Double] = []
            if readTensor(value, at: path.key(name), depth: 0, actions: actions, players: players, into: &values, reader) { arrays[p] = values }
        }
        for (p, name) in players.enumerated() where !members.contains(where: { $0.0 == name }) {
            reader.fail(path, "no payoffs for player '\(name)'")
            arrays[p] = nil
        }
        guard arrays.allSatisfy({ $0 != nil }) else { return nil }
        return arrays.map { $0! }
    }

    /// Reads one level of a payoff array: `actions[depth].count` entries, numbers at the last level.
    private static func readTensor(_ node: OrderedJSON, at path: JSONPath, depth: Int, actions: [[String]], players: [String],
                                   into values: inout [Double], _ reader: SpecReader) -> Bool {
        guard let items = reader.array(node, at: path) else { return false }
        guard items.count == actions[depth].count else {
            reader.fail(path, "expected \(actions[depth].count) entries (one per action of player '\(players[depth])'), got \(items.count)")
            return false
        }
        for (i, item) in items.enumerated() {
            if depth == actions.count - 1 {
                guard let x = reader.number(item, at: path.index(i), "finite", { _ in true }) else { return false }
                values.append(x)
            } else if !readTensor(item, at: path.index(i), depth: depth + 1, actions: actions, players: players, into: &values, reader) {
                return false
            }
        }
        return true
    }
}

/// Making a single-agent environment from a game in which every player is an agent.
public struct MultiAgentGameError: Error, CustomStringConvertible, Equatable {
    public var id: String
    public var players: [String]

    public var description: String {
        "\(id) is a game in which every player (\(players.joined(separator: ", "))) is an agent; train it with "
            + "`gym train \(id) --self-play LEARNER` or `--agents A,B`, solve it with `gym solve`, or make it with Registry.makeMultiAgent"
    }
}
