import Foundation

/// Reads the token stream of one `.nfg` file.
struct NFGReader {
    let tokens: [NFGToken]
    let file: String
    var position = 0

    init(tokens: [NFGToken], file: String) {
        self.tokens = tokens
        self.file = file
    }

    mutating func game() throws -> (game: NormalFormGame, title: String) {
        try expectWord("NFG", "a normal-form file starts with 'NFG'")
        try expectWord("1", "only version 1 of the format is known")
        let precision = try word("'R' or 'D' (the number precision)")
        guard precision.value == "R" || precision.value == "D" else {
            throw fail(precision.token, "expected 'R' or 'D' (the number precision), found '\(precision.value)'")
        }
        let title = try text("the title")
        let players = try list("player names") { try $0.text("a player name") }
        guard players.count >= 2 else { throw fail(previous, "a game needs at least two players, found \(players.count)") }
        let actions = try strategies(players)
        if case .text = peek?.kind { position += 1 }  // the optional comment
        let counts = actions.map(\.count)
        let total = counts.reduce(1, *)
        guard total <= 10_000_000 else { throw fail(previous, "the game has \(total) pure profiles, more than the limit of 10000000") }
        var payoffs = players.map { _ in [Double](repeating: 0, count: total) }
        var layout = try NormalFormGame(players: players, actions: actions, payoffs: payoffs)
        if peek?.kind == .open {
            let outcomes = try list("outcomes") { reader -> [Double] in
                try reader.expect(.open, "'{' before an outcome")
                _ = try reader.text("an outcome name")
                var values: [Double] = []
                while reader.peek?.kind != .close { values.append(try reader.number()) }
                try reader.expect(.close, "'}' after an outcome")
                guard values.count == players.count else {
                    throw reader.fail(reader.previous, "an outcome gives \(players.count) payoffs (one per player), found \(values.count)")
                }
                return values
            }
            for k in 0..<total {
                let token = try next("outcome number \(k + 1) of \(total)")
                guard case .word(let w) = token.kind, let n = Int(w), n >= 0, n <= outcomes.count else {
                    throw fail(token, "expected an outcome number from 0 to \(outcomes.count)")
                }
                let i = layout.index(of: NFGFile.gambitProfile(k, counts))
                for p in players.indices { payoffs[p][i] = n == 0 ? 0 : outcomes[n - 1][p] }
            }
        } else {
            for k in 0..<total {
                let i = layout.index(of: NFGFile.gambitProfile(k, counts))
                for p in players.indices { payoffs[p][i] = try number("payoff \(p + 1) of profile \(k + 1) of \(total)") }
            }
        }
        if let extra = peek { throw fail(extra, "unexpected text after the last profile") }
        layout = try NormalFormGame(players: players, actions: actions, payoffs: payoffs)
        return (layout, title)
    }

    /// `{ 3 3 }` (counts: actions named "1", "2", ...) or `{ { "a" "b" } { "c" "d" } }`.
    private mutating func strategies(_ players: [String]) throws -> [[String]] {
        try expect(.open, "'{' before the strategy counts or names")
        var actions: [[String]] = []
        while peek?.kind != .close {
            if peek?.kind == .open {
                actions.append(try list("strategy names") { try $0.text("a strategy name") })
            } else {
                let token = try next("a strategy count")
                guard case .word(let w) = token.kind, let n = Int(w), n > 0, n <= 100_000 else {
                    throw fail(token, "expected a strategy count from 1 to 100000")
                }
                actions.append((1...n).map(String.init))
            }
            if peek == nil { break }
        }
        try expect(.close, "'}' after the strategies")
        guard actions.count == players.count else {
            throw fail(previous, "expected strategies for \(players.count) players, found \(actions.count)")
        }
        for (p, names) in actions.enumerated() where names.isEmpty || Set(names).count != names.count {
            throw fail(previous, "player '\(players[p])' needs at least one strategy, with distinct names")
        }
        return actions
    }

    private mutating func list<T>(_ what: String, _ item: (inout NFGReader) throws -> T) throws -> [T] {
        try expect(.open, "'{' before the \(what)")
        var items: [T] = []
        while let token = peek, token.kind != .close { items.append(try item(&self)) }
        try expect(.close, "'}' after the \(what)")
        return items
    }

    private var peek: NFGToken? { position < tokens.count ? tokens[position] : nil }
    private var previous: NFGToken? { position > 0 ? tokens[min(position, tokens.count) - 1] : nil }

    private mutating func next(_ what: String) throws -> NFGToken {
        guard let token = peek else { throw fail(previous, "the file ends where \(what) was expected") }
        position += 1
        return token
    }

    private mutating func expect(_ kind: NFGToken.Kind, _ what: String) throws {
        let token = try next(what)
        guard token.kind == kind else { throw fail(token, "expected \(what)") }
    }

    private mutating func expectWord(_ value: String, _ message: String) throws {
        let token = try next("'\(value)'")
        guard token.kind == .word(value) else { throw fail(token, message) }
    }

    private mutating func word(_ what: String) throws -> (token: NFGToken, value: String) {
        let token = try next(what)
        guard case .word(let w) = token.kind else { throw fail(token, "expected \(what)") }
        return (token, w)
    }

    mutating func text(_ what: String) throws -> String {
        let token = try next(what)
        guard case .text(let s) = token.kind else { throw fail(token, "expected \(what) in double quotes") }
        return s
    }

    /// An integer, a decimal, or a rational `p/q`.
    mutating func number(_ what: String = "a payoff") throws -> Double {
        let token = try next(what)
        guard case .word(let w) = token.kind else { throw fail(token, "expected \(what)") }
        let parts = w.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, let p = Double(parts[0]), let q = Double(parts[1]), q != 0, (p / q).isFinite { return p / q }
        guard parts.count == 1, let x = Double(w), x.isFinite else { throw fail(token, "expected \(what) (a number such as 3, -1.5 or 2/3), found '\(w)'") }
        return x
    }

    func fail(_ token: NFGToken?, _ message: String) -> GameError {
        GameError.nfg(file: file, line: token?.line ?? 1, column: token?.column ?? 1, message: message)
    }
}
