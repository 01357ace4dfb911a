import Gym

/// A dynamics MDP's snapshot: every register, the step counter, and the episode (generator, clock, phase).
extension DynamicsEnvironment: SnapshottingEnvironment {
    public func snapshot() -> EnvironmentSnapshot {
        .dynamics(registers: Array(UnsafeBufferPointer(start: registers, count: model.initialRegisters.count)),
                  generator: rng, elapsed: clock.elapsed, phase: phase)
    }

    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        let (values, steps, episode) = try snapshot.dynamicsState(registerCount: model.initialRegisters.count)
        for i in values.indices { registers[i] = values[i] }
        t = steps
        (rng, phase) = (episode.generator, episode.phase)
        clock.resume(at: episode.elapsed)
        if phase != .needsReset { lastObservation = try observation() }
    }
}

extension DynamicsBatch {
    /// The lane's snapshot in `DynamicsEnvironment`'s format: its registers, its steps and its episode.
    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? {
        .dynamics(registers: (0..<model.initialRegisters.count).map { registers.row($0)[lane] }, generator: rngs[lane],
                  elapsed: elapsed[lane], phase: phase)
    }

    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        let (values, _, episode) = try snapshot.dynamicsState(registerCount: model.initialRegisters.count)
        if episode.phase != .needsReset {
            for k in 0..<model.observationCount where !model.admits(values[model.observationSources[k]], asObservation: k) {
                throw GymError.invalidArgument("the snapshot's observation \(k) (\(values[model.observationSources[k]])) is outside "
                    + "[\(model.observationLow[k]), \(model.observationHigh[k])]")
            }
        }
        for r in values.indices { registers.row(r)[lane] = values[r] }
        rngs[lane] = episode.generator
        elapsed[lane] = episode.elapsed
        for k in 0..<model.observationCount { observation[k] = Float(values[model.observationSources[k]]) }
        return episode.phase
    }
}

extension EnvironmentSnapshot {
    /// A dynamics MDP's state: its registers (`registers`), its steps since reset (`t`, the time the step
    /// program sees) and its episode.
    static func dynamics(registers: [Double], generator: RandomSource, elapsed: Int, phase: EpisodePhase) -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("registers", doubles: registers)
        snapshot.set("t", int: elapsed)
        snapshot.setEpisode(generator: generator, elapsed: elapsed, phase: phase)
        return snapshot
    }

    /// What `dynamics(registers:generator:elapsed:phase:)` wrote, for a model of `registerCount` registers.
    /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit.
    func dynamicsState(registerCount: Int) throws
        -> (registers: [Double], t: Int, episode: (generator: RandomSource, elapsed: Int, phase: EpisodePhase)) {
        (try doubles("registers", count: registerCount), try int("t"), try episode())
    }
}
