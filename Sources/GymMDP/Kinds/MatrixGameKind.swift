import Gym
import GymGames
import GymJSON
import GymTabular

/// How the opponent of a matrix game chooses its move each round.
public enum OpponentModel: Sendable, Equatable {
    /// A fixed mixed strategy.
    case mixed([Double])
    /// A fixed cycle of moves.
    case sequence([Int])
    /// A distribution that depends on the agent's previous move; `first` is used in the first round.
    case reactive(first: [Double], responses: [[Double]])
    /// A best response to the agent's empirical move frequencies over the last `window` rounds of the
    /// episode, ties broken uniformly at random; uniform in the first round.
    case bestResponse(window: Int)
}

/// The `matrix-game` kind: a repeated game, either one agent against an opponent model, or (with
/// `players`) every player an agent (`MatrixGameKind+Players.swift`).
enum MatrixGameKind {
    static let kind = MDPKind(
        members: ["actions", "opponent_actions", "payoff", "opponent_payoff", "rounds", "observation", "opponent", "players", "payoffs"],
        requiredMembers: ["actions", "rounds"],
        compile: compile)

    static func compile(_ json: OrderedJSON, _ header: MDPHeader, _ reader: SpecReader) -> MDPDefinition? {
        if json["players"] != nil { return compilePlayers(json, header, reader) }
        let root = JSONPath.root
        for member in ["payoff", "opponent"] where json[member] == nil {
            reader.fail(root.key(member), "required member '\(member)' is missing (or give 'players' to make every player an agent)")
        }
        if json["payoffs"] != nil { reader.fail(root.key("payoffs"), "'payoffs' (one array per player) needs 'players'") }
        let actions = reader.names(json["actions"], at: root.key("actions"))
        let opponentActions = json["opponent_actions"] == nil ? actions : reader.names(json["opponent_actions"], at: root.key("opponent_actions"))
        let rounds = reader.integer(json["rounds"], at: root.key("rounds"), "a positive integer of at most \(ModelLimits.maxEpisodeSteps)") {
            $0 > 0 && $0 <= ModelLimits.maxEpisodeSteps
        }
        if json["max_episode_steps"] != nil && json["rounds"] != nil {
            reader.fail(root.key("max_episode_steps"), "a matrix game's episode length is 'rounds'; remove 'max_episode_steps'")
        }
        let observation = TabularKind.observationName(json["observation"], allowed: ["none", "last-moves"], reader)
        let observationGiven = json["observation"] == nil ? "none" : observation
        guard let actions, let opponentActions,
              ModelLimits.check(actions.count, ModelLimits.maxActions, "actions", at: root.key("actions"), reader),
              ModelLimits.check(opponentActions.count, ModelLimits.maxActions, "opponent actions", at: root.key("opponent_actions"), reader),
              ModelLimits.check(actions.count * opponentActions.count, ModelLimits.maxPayoffEntries, "payoff entries", at: root.key("payoff"), reader)
        else { return nil }
        let payoff = readMatrix(json["payoff"], at: root.key("payoff"), rows: actions.count, columns: opponentActions.count, reader)
        let opponentPayoff = json["opponent_payoff"] == nil ? payoff?.map { $0.map { -$0 } }
            : readMatrix(json["opponent_payoff"], at: root.key("opponent_payoff"), rows: actions.count, columns: opponentActions.count, reader)
        let opponent = readOpponent(json["opponent"], actions: actions, opponentActions: opponentActions, reader)
        guard let payoff, let opponentPayoff, let opponent, let rounds, reader.issues.isEmpty else { return nil }

        var header = header
        header.maxEpisodeSteps = rounds
        let flat = payoff.flatMap { $0 }
        let stochastic: Bool
        func random(_ q: [Double]) -> Bool { q.filter { $0 > 0 }.count > 1 }
        switch opponent {
        case .sequence: stochastic = false
        case .mixed(let q): stochastic = random(q)
        case .reactive(let first, let responses): stochastic = random(first) || responses.contains(where: random)
        case .bestResponse: stochastic = true
        }
        let metadata = header.metadata(isStochastic: stochastic, rewardRange: flat.min()!...flat.max()!, actionNames: actions)
        var model: TabularModel?
        if observationGiven == "none", case .mixed(let q) = opponent {
            var builder = TabularModelBuilder(stateCount: 1, actionCount: actions.count)
            for a in actions.indices { for o in opponentActions.indices { builder.add(0, a, probability: q[o], next: 0, reward: payoff[a][o]) } }
            model = builder.build(stateNames: ["play"], actionNames: actions, terminal: [false], start: [(0, 1)])
        }
        let game = MatrixGame(actions: actions, opponentActions: opponentActions, payoff: payoff, opponentPayoff: opponentPayoff,
                              opponent: opponent, observesLastMoves: observationGiven == "last-moves")
        let normalForm = try? NormalFormGame.bimatrix(players: ["agent", "opponent"], actions: [actions, opponentActions],
                                                      row: payoff, column: opponentPayoff)
        return MDPDefinition(header: header, model: model, grid: nil, game: normalForm, makeEnvironment: {
            try MatrixGameEnvironment(game: game, metadata: metadata, model: model)
        })
    }

    static func readMatrix(_ node: OrderedJSON?, at path: JSONPath, rows: Int, columns: Int, _ reader: SpecReader) -> [[Double]]? {
        guard let items = reader.array(node, at: path) else { return nil }
        guard items.count == rows else {
            reader.fail(path, "expected \(rows) rows (one per agent action), got \(items.count)")
            return nil
        }
        var matrix: [[Double]] = []
        for (r, item) in items.enumerated() {
            guard let row = reader.array(item, at: path.index(r)) else { return nil }
            guard row.count == columns else {
                reader.fail(path.index(r), "expected \(columns) entries (one per opponent action), got \(row.count)")
                return nil
            }
            let values = row.enumerated().compactMap { c, x in reader.number(x, at: path.index(r).index(c), "finite") { _ in true } }
            guard values.count == columns else { return nil }
            matrix.append(values)
        }
        return matrix
    }

    /// A probability for each of `count` opponent actions, summing to 1.
    static func readDistribution(_ item: OrderedJSON?, at p: JSONPath, over count: Int, what: String, _ reader: SpecReader) -> [Double]? {
        guard let values = reader.array(item, at: p) else { return nil }
        guard values.count == count else {
            reader.fail(p, "expected \(count) probabilities (one per opponent action), got \(values.count)")
            return nil
        }
        let q = values.enumerated().compactMap { i, x in reader.number(x, at: p.index(i)) }
        guard q.count == values.count, reader.checkDistribution(q, at: p, what: what) else { return nil }
        return q
    }

    static func readOpponent(_ node: OrderedJSON?, actions: [String], opponentActions: [String], _ reader: SpecReader) -> OpponentModel? {
        let path = JSONPath.root.key("opponent")
        guard let node, reader.object(node, at: path) != nil else { return nil }
        guard let type = reader.string(node["type"], at: path.key("type")) else {
            if node["type"] == nil { reader.fail(path.key("type"), "required member 'type' is missing") }
            return nil
        }
        func distribution(_ item: OrderedJSON?, at p: JSONPath, what: String) -> [Double]? {
            readDistribution(item, at: p, over: opponentActions.count, what: what, reader)
        }
        switch type {
        case "mixed":
            reader.checkMembers(node, at: path, allowed: ["type", "probabilities"], required: ["probabilities"])
            return distribution(node["probabilities"], at: path.key("probabilities"), what: "opponent strategy").map(OpponentModel.mixed)
        case "sequence":
            reader.checkMembers(node, at: path, allowed: ["type", "moves"], required: ["moves"])
            guard let moves = reader.array(node["moves"], at: path.key("moves"), nonEmpty: true) else { return nil }
            var indices: [Int] = []
            for (i, move) in moves.enumerated() {
                guard let name = reader.string(move, at: path.key("moves").index(i)) else { continue }
                guard let o = opponentActions.firstIndex(of: name) else {
                    reader.fail(path.key("moves").index(i), "unknown opponent action '\(name)'")
                    continue
                }
                indices.append(o)
            }
            return indices.count == moves.count ? .sequence(indices) : nil
        case "reactive":
            reader.checkMembers(node, at: path, allowed: ["type", "responses", "first"], required: ["responses"])
            let uniform = Array(repeating: 1.0 / Double(opponentActions.count), count: opponentActions.count)
            let first = node["first"] == nil ? uniform : distribution(node["first"], at: path.key("first"), what: "first-round strategy")
            guard let members = reader.object(node["responses"], at: path.key("responses")) else { return nil }
            var responses = [[Double]?](repeating: nil, count: actions.count)
            for (name, value) in members {
                guard let a = actions.firstIndex(of: name) else {
                    reader.fail(path.key("responses").key(name), "unknown agent action '\(name)'")
                    continue
                }
                responses[a] = distribution(value, at: path.key("responses").key(name), what: "response to '\(name)'")
            }
            for (a, name) in actions.enumerated() where responses[a] == nil && !members.contains(where: { $0.0 == name }) {
                reader.fail(path.key("responses"), "no response to the agent's move '\(name)'")
            }
            guard let first, responses.allSatisfy({ $0 != nil }) else { return nil }
            return .reactive(first: first, responses: responses.map { $0! })
        case "best-response":
            reader.checkMembers(node, at: path, allowed: ["type", "window"], required: ["window"])
            return reader.integer(node["window"], at: path.key("window"), "a positive integer of at most \(ModelLimits.maxEpisodeSteps)") {
                $0 > 0 && $0 <= ModelLimits.maxEpisodeSteps
            }.map(OpponentModel.bestResponse)
        default:
            reader.fail(path.key("type"), "unknown opponent type '\(type)'; expected mixed, sequence, reactive or best-response")
            return nil
        }
    }
}
