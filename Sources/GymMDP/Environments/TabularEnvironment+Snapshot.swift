import Gym

/// A tabular or grid MDP's snapshot: the state, and the episode (generator, clock, phase).
extension TabularEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot { snapshot(state: state, generator: rng, elapsed: clock.elapsed, phase: phase) }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let (restoredState, episode) = try restoredState(snapshot)
        state = restoredState
        (rng, phase) = (episode.generator, episode.phase)
        clock.resume(at: episode.elapsed)
    }

    /// The snapshot of this MDP in state `state`.
    func snapshot(state: Int, generator: RandomSource, elapsed: Int, phase: EpisodePhase) -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("state", int: state)
        snapshot.setEpisode(generator: generator, elapsed: elapsed, phase: phase)
        return snapshot
    }

    /// What `snapshot(state:generator:elapsed:phase:)` wrote.
    /// - Throws: `GymError.invalidArgument` for a missing entry or a state the model does not have.
    func restoredState(_ snapshot: EnvironmentSnapshot) throws -> (state: Int, episode: (generator: RandomSource, elapsed: Int, phase: EpisodePhase)) {
        let restoredState = try snapshot.int("state")
        guard restoredState >= 0, restoredState < model.stateCount else {
            throw GymError.invalidArgument("the snapshot's state \(restoredState) is not a state of \(name) (0..<\(model.stateCount))")
        }
        return (restoredState, try snapshot.episode())
    }
}

extension TabularBatch {
    /// The lane's snapshot in `TabularEnvironment`'s format.
    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? {
        environment.snapshot(state: states[lane], generator: rngs[lane], elapsed: elapsed[lane], phase: phase)
    }

    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        let (state, episode) = try environment.restoredState(snapshot)
        states[lane] = state
        rngs[lane] = episode.generator
        elapsed[lane] = episode.elapsed
        writeObservation(observation, state: state)
        return episode.phase
    }
}
