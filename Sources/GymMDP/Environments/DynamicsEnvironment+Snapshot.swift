import Gym

/// A dynamics MDP's snapshot: every register, the generator, the step counter and the episode's place.
extension DynamicsEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("registers", doubles: Array(UnsafeBufferPointer(start: registers, count: model.initialRegisters.count)))
        snapshot.set("generator", generator: rng)
        snapshot.set("t", int: t)
        snapshot.set("elapsed", int: clock.elapsed)
        snapshot.set("phase", phase: phase)
        return snapshot
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let values = try snapshot.doubles("registers", count: model.initialRegisters.count)
        let generator = try snapshot.generator("generator"), steps = try snapshot.int("t")
        let elapsed = try snapshot.int("elapsed"), restored = try snapshot.phase("phase")
        for i in values.indices { registers[i] = values[i] }
        rng = generator
        t = steps
        clock.resume(at: elapsed)
        phase = restored
        if restored != .needsReset { lastObservation = try observation() }
    }
}
