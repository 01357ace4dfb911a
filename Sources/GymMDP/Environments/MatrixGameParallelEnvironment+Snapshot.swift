import Gym

/// A repeated matrix game's snapshot with every player an agent: the rounds played this episode, the
/// last round's moves and the phase (the game draws no random numbers).
extension MatrixGameParallelEnvironment: SnapshottingMultiAgentEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("played", int: played)
        snapshot.set("last_moves", (lastMoves ?? []).map { UInt64($0) })
        snapshot.set("phase", phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let rounds = try snapshot.int("played"), restoredPhase = try snapshot.phase("phase")
        let moves = try snapshot.words("last_moves").map { Int(truncatingIfNeeded: $0) }
        guard rounds >= 0, rounds <= self.rounds else {
            throw GymError.invalidArgument("the snapshot's 'played' (\(rounds)) is not a round count of \(name) (0...\(self.rounds))")
        }
        guard moves.isEmpty ? rounds == 0 : moves.count == game.playerCount && moves.indices.allSatisfy({ game.actions[$0].indices.contains(moves[$0]) }) else {
            throw GymError.invalidArgument("the snapshot's 'last_moves' are not one move of \(name) per player")
        }
        (played, lastMoves, phase) = (rounds, moves.isEmpty ? nil : moves, restoredPhase)
        agents = restoredPhase == .running ? game.players : []
    }
}
