import Gym

/// A tabular or grid MDP's snapshot: the state, the generator and the episode's place.
extension TabularEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("state", int: state)
        snapshot.set("generator", generator: rng)
        snapshot.set("elapsed", int: clock.elapsed)
        snapshot.set("phase", phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let restoredState = try snapshot.int("state")
        guard restoredState >= 0, restoredState < model.stateCount else {
            throw GymError.invalidArgument("the snapshot's state \(restoredState) is not a state of \(name) (0..<\(model.stateCount))")
        }
        let generator = try snapshot.generator("generator"), elapsed = try snapshot.int("elapsed"), restored = try snapshot.phase("phase")
        state = restoredState
        rng = generator
        clock.resume(at: elapsed)
        phase = restored
    }
}
