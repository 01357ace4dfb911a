import Gym

/// A repeated matrix game's snapshot: the agent's moves this episode (from which the opponent's memory
/// is rebuilt), the last round's moves, and the episode (generator, clock, phase).
extension MatrixGameEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot { play.snapshot(elapsed: clock.elapsed, phase: phase) }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        var restored = play
        let episode = try restored.restore(snapshot)
        play = restored
        phase = episode.phase
        clock.resume(at: episode.elapsed)
    }
}

extension MatrixGameBatch {
    /// The lane's snapshot in `MatrixGameEnvironment`'s format (its clock is its rounds).
    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? { plays[lane].snapshot(elapsed: plays[lane].rounds, phase: phase) }

    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        var restored = plays[lane]
        let episode = try restored.restore(snapshot)
        plays[lane] = restored
        opponentMoves[lane] = restored.lastMoves?.opponent ?? 0
        write(lane, into: observation)
        return episode.phase
    }
}

extension MatrixGamePlay {
    /// The episode's snapshot, `elapsed` steps in.
    func snapshot(elapsed: Int, phase: EpisodePhase) -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("agent_moves", agentMoves.map { UInt64($0) })
        snapshot.set("last_moves", lastMoves.map { [UInt64($0.agent), UInt64($0.opponent)] } ?? [])
        snapshot.setEpisode(generator: rng, elapsed: elapsed, phase: phase)
        return snapshot
    }

    /// Puts back what `snapshot(elapsed:phase:)` wrote; the episode's clock and phase.
    /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit.
    mutating func restore(_ snapshot: EnvironmentSnapshot) throws -> (generator: RandomSource, elapsed: Int, phase: EpisodePhase) {
        let moves = try snapshot.words("agent_moves").map { Int(truncatingIfNeeded: $0) }
        let last = try snapshot.words("last_moves").map { Int(truncatingIfNeeded: $0) }
        guard last.isEmpty || last.count == 2 else { throw GymError.invalidArgument("the snapshot's 'last_moves' is not two moves") }
        let episode = try snapshot.episode()
        try resume(agentMoves: moves, last: last.isEmpty ? nil : (last[0], last[1]))
        rng = episode.generator
        return episode
    }
}
