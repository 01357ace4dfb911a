/// What went wrong with a game, a strategy profile or a solver, with the values involved.
///
/// Every error is a value; `description` renders it as text, here and nowhere else.
public enum GameError: Error, Equatable, CustomStringConvertible {
    /// A game whose shape is inconsistent: `what` names the part, `expected` and `found` the sizes.
    case shape(what: String, expected: Int, found: Int)
    /// A game with fewer than two players, a player without actions, or a repeated name.
    case invalidGame(String)
    /// A profile that names no strategy for `player`, or one for an unknown player.
    case missingStrategy(player: String)
    case unknownPlayer(String, known: [String])
    /// A strategy that is not a probability distribution over `player`'s `actionCount` actions.
    case invalidStrategy(player: String, reason: String)
    /// A game too large for the solver asked: `size` against the solver's `limit`.
    case tooLarge(solver: String, size: Int, limit: Int)
    /// A solver that applies only to some games (zero-sum, two players).
    case notApplicable(solver: String, reason: String)
    /// The linear-programming library reported `status` (GLPK's code and its meaning).
    case linearProgram(status: String)
    /// A Gambit `.nfg` file that cannot be read, at a 1-based line and column.
    case nfg(file: String, line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .shape(let what, let expected, let found):
            return "\(what): expected \(expected), found \(found)"
        case .invalidGame(let message):
            return message
        case .missingStrategy(let player):
            return "no strategy for player '\(player)'"
        case .unknownPlayer(let name, let known):
            return "unknown player '\(name)'; the players are " + known.map { "'\($0)'" }.joined(separator: ", ")
        case .invalidStrategy(let player, let reason):
            return "player '\(player)': \(reason)"
        case .tooLarge(let solver, let size, let limit):
            return "\(solver): the game needs \(size) steps, more than the limit of \(limit)"
        case .notApplicable(let solver, let reason):
            return "\(solver) does not apply: \(reason)"
        case .linearProgram(let status):
            return "the linear program failed: \(status)"
        case .nfg(let file, let line, let column, let message):
            return "\(file):\(line):\(column): \(message)"
        }
    }
}
