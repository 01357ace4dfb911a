import ArgumentParser
import Foundation
import Gym
import GymGames
import GymMDP

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a game between SwiftGym's JSON (a matrix game with players) and Gambit's .nfg.",
        discussion: """
            The direction follows the file names: GAME.json to GAME.nfg writes the payoff version of the \
            format (the first player's strategy changing fastest), with strategy names; GAME.nfg (either \
            version) to GAME.json writes a matrix game with "players", "payoffs" and one round. The \
            output is replaced atomically.
            """)

    @Argument(help: "The game to read: a .json matrix game with players, or a .nfg file.")
    var input: String

    @Argument(help: "The file to write: .nfg or .json.")
    var output: String

    func run() throws {
        let from = (input as NSString).pathExtension.lowercased(), to = (output as NSString).pathExtension.lowercased()
        let text: String
        switch (from, to) {
        case ("json", "nfg"):
            let mdp = try MDPFile(path: input)
            guard let make = try mdp.compile().makeMultiAgentEnvironment, let env = try make() as? MatrixGameParallelEnvironment else {
                throw GymError.invalidArgument("\(input): only matrix games with 'players' convert to .nfg")
            }
            text = NFGFile.text(env.game, title: mdp.title.isEmpty ? mdp.id : mdp.title)
        case ("nfg", "json"):
            let (game, title) = try NFGFile.parse(try String(contentsOfFile: input, encoding: .utf8), file: input)
            text = Convert.json(game, id: GambitGames.id(forFile: output), title: title, source: input)
        default:
            throw GymError.invalidArgument("convert reads .json and writes .nfg, or reads .nfg and writes .json; got .\(from) to .\(to)")
        }
        do {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            throw GymError.invalidArgument("\(output): cannot be written (\((error as NSError).localizedDescription))")
        }
        print("wrote \(output)")
    }

    /// A matrix game with players as JSON text: payoffs nested in player order.
    static func json(_ game: NormalFormGame, id: String, title: String, source: String) -> String {
        func nested(_ values: [Double], depth: Int, offset: Int) -> JSONValue {
            if depth == game.playerCount { return .number(values[offset]) }
            return .array((0..<game.actions[depth].count).map { nested(values, depth: depth + 1, offset: offset + $0 * game.strides[depth]) })
        }
        let sameActions = game.actions.allSatisfy { $0 == game.actions[0] }
        let object: [(String, JSONValue)] = [
            ("format", .string(MDPFile.format)), ("id", .string(id)), ("kind", "matrix-game"),
            ("title", .string(title)),
            ("description", .string("Converted from the Gambit file \((source as NSString).lastPathComponent). Players: \(game.players.joined(separator: ", ")). One round.")),
            ("players", .array(game.players.map { .string($0) })),
            ("actions", sameActions ? .array(game.actions[0].map { .string($0) })
                : .object(Dictionary(uniqueKeysWithValues: zip(game.players, game.actions).map { ($0, .array($1.map { .string($0) })) }))),
            ("payoffs", .object(Dictionary(uniqueKeysWithValues: game.players.indices.map { (game.players[$0], nested(game.payoffs[$0], depth: 0, offset: 0)) }))),
            ("rounds", .number(1)),
        ]
        return "{\n" + object.map { "  \(JSONValue.string($0.0).encoded()): \($0.1.encoded())" }.joined(separator: ",\n") + "\n}\n"
    }
}
