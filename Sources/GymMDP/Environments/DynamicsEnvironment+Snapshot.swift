import Gym

/// A dynamics MDP's snapshot: every register, the step counter, and the episode (generator, clock, phase).
extension DynamicsEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("registers", doubles: Array(UnsafeBufferPointer(start: registers, count: model.initialRegisters.count)))
        snapshot.set("t", int: t)
        snapshot.setEpisode(generator: rng, elapsed: clock.elapsed, phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let values = try snapshot.doubles("registers", count: model.initialRegisters.count), steps = try snapshot.int("t")
        let episode = try snapshot.episode()
        for i in values.indices { registers[i] = values[i] }
        t = steps
        (rng, phase) = (episode.generator, episode.phase)
        clock.resume(at: episode.elapsed)
        if phase != .needsReset { lastObservation = try observation() }
    }
}
