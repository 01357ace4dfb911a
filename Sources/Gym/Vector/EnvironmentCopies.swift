/// The batch of environments without a batched path (plugins, users' own types): copies made by a
/// factory, stepped one by one through the `Environment` protocol.
final class EnvironmentCopies: EnvironmentBatch {
    let copies: [Environment]
    let observationSpace: Space
    let actionSpace: Space
    /// Applied on top of whatever limit the copies enforce themselves.
    var episodeLimit: Int?
    private var clocks: [EpisodeClock]
    private var current: [Observation]
    private var infos: [Info]
    private let width: Int
    private var row: [Float]

    var count: Int { copies.count }

    init(_ copies: [Environment]) {
        self.copies = copies
        observationSpace = copies[0].observationSpace
        actionSpace = copies[0].actionSpace
        width = observationSpace.flatDimension
        clocks = Array(repeating: EpisodeClock(), count: copies.count)
        current = Array(repeating: .discrete(0), count: copies.count)
        infos = Array(repeating: [:], count: copies.count)
        row = Array(repeating: 0, count: width)
    }

    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info {
        let (first, info) = try copies[lane].reset(seed: seed, options: options)
        write(first, lane: lane, into: observation)
        clocks[lane].limit = episodeLimit
        clocks[lane].start()
        return info
    }

    func step(_ actions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws {
        for lane in 0..<copies.count where !skip[lane] {
            let step = try copies[lane].step(actions.action(lane))
            write(step.observation, lane: lane, into: output.observations + lane * width)
            output.rewards[lane] = step.reward
            output.terminated[lane] = step.terminated
            output.truncated[lane] = step.truncated || (clocks[lane].tick() && !step.terminated)
            infos[lane] = step.info
        }
    }

    var hasStepInfos: Bool { true }

    func stepInfo(lane: Int) -> Info { infos[lane] }

    func observation(lane: Int) -> Observation { current[lane] }

    /// The copy's own snapshot (`Environment.savedState()`), when it can save its state, with the steps of this batch's
    /// time limit (`lane.elapsed`) and the vector's phase of the lane (`lane.phase`, for environments
    /// whose snapshots do not record theirs).
    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? {
        guard var snapshot = copies[lane].savedState() else { return nil }
        snapshot.set("lane.elapsed", int: clocks[lane].elapsed)
        snapshot.set("lane.phase", phase: phase)
        return snapshot
    }

    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        let copy = copies[lane]
        let steps = try snapshot.int(snapshot.entries["lane.elapsed"] == nil ? "elapsed" : "lane.elapsed")
        let phase = try snapshot.phase(snapshot.entries["phase"] == nil ? "lane.phase" : "phase")
        try copy.restoreState(snapshot)
        clocks[lane].limit = episodeLimit
        clocks[lane].resume(at: steps)
        switch phase {
        case .running: write(try copy.observe(), lane: lane, into: observation)
        case .ended: if let last = try? copy.observe() { write(last, lane: lane, into: observation) }  // not every environment shows it
        case .needsReset: break
        }
        return phase
    }

    func render(lane: Int) -> String? { copies[lane].render() }
    func picture(lane: Int) -> Picture? { copies[lane].picture() }

    private func write(_ observation: Observation, lane: Int, into row: UnsafeMutablePointer<Float>) {
        current[lane] = observation
        observationSpace.flatten(observation, into: &self.row, at: 0)
        for k in 0..<width { row[k] = self.row[k] }
    }
}
