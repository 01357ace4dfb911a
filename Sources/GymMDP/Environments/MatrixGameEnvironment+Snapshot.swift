import Gym

/// A repeated matrix game's snapshot: the agent's moves this episode (from which the opponent's memory
/// is rebuilt), the last round's moves, and the episode (generator, clock, phase).
extension MatrixGameEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("agent_moves", play.agentMoves.map { UInt64($0) })
        snapshot.set("last_moves", play.lastMoves.map { [UInt64($0.agent), UInt64($0.opponent)] } ?? [])
        snapshot.setEpisode(generator: play.rng, elapsed: clock.elapsed, phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let moves = try snapshot.words("agent_moves").map { Int(truncatingIfNeeded: $0) }
        let last = try snapshot.words("last_moves").map { Int(truncatingIfNeeded: $0) }
        guard last.isEmpty || last.count == 2 else { throw GymError.invalidArgument("the snapshot's 'last_moves' is not two moves") }
        let episode = try snapshot.episode()
        var restored = play
        try restored.resume(agentMoves: moves, last: last.isEmpty ? nil : (last[0], last[1]))
        restored.rng = episode.generator
        play = restored
        phase = episode.phase
        clock.resume(at: episode.elapsed)
    }
}
