import Foundation

/// Gambit's normal-form file format (`.nfg`), both its payoff and its outcome versions.
///
/// The payoff version lists one payoff tuple per pure profile, every player's payoff in player order;
/// the outcome version lists named outcomes and then one outcome number per profile (0: everyone gets
/// 0). In both, profiles run with **the first player's strategy changing fastest**, the opposite of
/// ``NormalFormGame``'s row-major order; reading and writing convert between the two.
///
/// ```swift
/// let game = try NFGFile.read(path: "pd.nfg")
/// try NFGFile.text(game, title: "Prisoner's dilemma").write(toFile: "copy.nfg", atomically: true, encoding: .utf8)
/// ```
public enum NFGFile {
    /// - Throws: `GameError.nfg` with the line and column of the first problem; a file that cannot
    ///   be read at all is reported at line 1, column 1.
    public static func read(path: String) throws -> NormalFormGame {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw GameError.nfg(file: path, line: 1, column: 1, message: "cannot read the file as UTF-8 text")
        }
        return try parse(text, file: path).game
    }

    /// The game and the file's title.
    public static func parse(_ text: String, file: String) throws -> (game: NormalFormGame, title: String) {
        var reader = NFGReader(tokens: try NFGTokenizer(file: file).tokens(text), file: file)
        return try reader.game()
    }

    /// The payoff version of the `.nfg` text for `game`, with strategy names.
    public static func text(_ game: NormalFormGame, title: String) -> String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var out = "NFG 1 R \(quoted(title)) { " + game.players.map(quoted).joined(separator: " ") + " }\n\n{ "
        out += game.actions.map { "{ " + $0.map(quoted).joined(separator: " ") + " }" }.joined(separator: "\n  ") + "\n}\n\"\"\n\n"
        var tuples: [String] = []
        for k in 0..<game.profileCount {
            let i = game.index(of: gambitProfile(k, game.actionCounts))
            tuples.append(game.payoffs.map { number($0[i]) }.joined(separator: " "))
        }
        return out + tuples.joined(separator: "\n") + "\n"
    }

    /// The pure profile at position `k` of Gambit's order (first player fastest).
    static func gambitProfile(_ k: Int, _ counts: [Int]) -> [Int] {
        var rest = k
        return counts.map { n in
            defer { rest /= n }
            return rest % n
        }
    }

    /// A payoff as `.nfg` writes it: integers without a decimal point, others as the shortest decimal that reads back exactly.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
