import Foundation
import Gym
import GymGames

/// Gambit `.nfg` files as environments: a one-round game in which every player is an agent, with
/// observation "none", so that any command that takes a game file takes an `.nfg` file too.
public enum GambitGames {
    /// The id a game file stands for: its name without the extension, lower-cased, with characters
    /// other than letters, digits, '-' and '_' replaced by '-', and `-v1` appended unless it ends in a
    /// version already (`pd.nfg`: `pd-v1`; `pd-v3.nfg`: `pd-v3`).
    public static func id(forFile path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let name = String(stem.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        return name.range(of: "-v[0-9]+$", options: .regularExpression) == nil ? name + "-v1" : name
    }

    /// The registry entry for an `.nfg` file, under ``id(forFile:)``.
    /// - Throws: `GameError.nfg` with the line and column of the first problem.
    public static func environmentSpec(path: String) throws -> EnvironmentSpec {
        let (game, title) = try NFGFile.parse(try text(path), file: path)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        let id = self.id(forFile: path)
        let metadata = EnvironmentMetadata(id: id, title: title.isEmpty ? "Gambit game \(stem)" : title,
                                           description: "Read from the Gambit file \(path): players \(game.players.joined(separator: ", ")), one round.",
                                           maxEpisodeSteps: 1, rewardRange: payoffRange(game), isStochastic: false, kind: "matrix-game")
        return EnvironmentSpec(
            id: id, kind: "matrix-game", title: metadata.title, source: path, maxEpisodeSteps: 1,
            factory: { _ in throw MultiAgentGameError(id: id, players: game.players) },
            multiAgentFactory: { _ in try MatrixGameParallelEnvironment(game: game, rounds: 1, observesLastMoves: false, metadata: metadata) })
    }

    static func text(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw GameError.nfg(file: path, line: 1, column: 1, message: "cannot read the file as UTF-8 text")
        }
        return text
    }

    static func payoffRange(_ game: NormalFormGame) -> ClosedRange<Double> {
        let all = game.payoffs.joined()
        return all.min()!...all.max()!
    }
}
