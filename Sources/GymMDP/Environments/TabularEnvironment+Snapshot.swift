import Gym

/// A tabular or grid MDP's snapshot: the state, and the episode (generator, clock, phase).
extension TabularEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("state", int: state)
        snapshot.setEpisode(generator: rng, elapsed: clock.elapsed, phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let restoredState = try snapshot.int("state")
        guard restoredState >= 0, restoredState < model.stateCount else {
            throw GymError.invalidArgument("the snapshot's state \(restoredState) is not a state of \(name) (0..<\(model.stateCount))")
        }
        let episode = try snapshot.episode()
        state = restoredState
        (rng, phase) = (episode.generator, episode.phase)
        clock.resume(at: episode.elapsed)
    }
}
