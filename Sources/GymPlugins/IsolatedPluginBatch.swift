import CGymPlugin
import Gym

/// `count` instances of one plugin environment in one supervised process, stepped in one round trip
/// per step of the batch (the batched path of `VectorEnvironment` for isolated plugins).
final class IsolatedPluginBatch: EnvironmentBatch {
    let count: Int
    let observationSpace: Space
    let actionSpace: Space
    var episodeLimit: Int?
    private let library: IsolatedPluginLibrary
    private let environmentID: String
    private let process: PluginProcess
    private let instances: [UInt32]
    private let observationWidth: Int
    private let actionWidth: Int
    private let rowWidth: Int
    private var values: [Double]
    /// The stepped lanes' observations as the reply lists them, before they move to their lanes.
    private var received: [Double]
    private var actions: [Double]
    private var clocks: [EpisodeClock]
    private var episodes: [Int]
    /// Each lane's episode as it can be played again (`PluginReplay`), for snapshots.
    private var replays: [PluginReplay]
    private var row: [Float]
    private var stepped: [UInt32] = []
    private var lanes: [Int] = []

    init(library: IsolatedPluginLibrary, environmentID: String, configuration: [String: Double], count: Int) throws {
        self.library = library
        self.environmentID = environmentID
        self.count = count
        process = try PluginProcess(path: library.path, isolation: library.isolation)
        var created: [UInt32] = []
        var description: PluginDescription?
        for _ in 0..<count {
            let (instance, described) = try process.create(environmentID, configuration: configuration)
            created.append(instance)
            description = described
        }
        instances = created
        observationSpace = description!.observationSpace
        actionSpace = description!.actionSpace
        observationWidth = PluginValues.width(observationSpace)
        actionWidth = PluginValues.width(actionSpace)
        rowWidth = observationSpace.flatDimension
        values = Array(repeating: 0, count: count * observationWidth)
        received = values
        actions = Array(repeating: 0, count: count * actionWidth)
        clocks = Array(repeating: EpisodeClock(), count: count)
        episodes = Array(repeating: 0, count: count)
        replays = Array(repeating: PluginReplay(), count: count)
        row = Array(repeating: 0, count: rowWidth)
    }

    deinit {
        guard process.ending == nil else { return }
        for instance in instances {
            do { try process.destroy(instance, environmentID: environmentID) } catch {
                library.report(error)
                break
            }
        }
    }

    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info {
        let call = PluginCall("reset", environment: environmentID, episode: episodes[lane] + 1)
        let width = observationWidth, given = replays[lane].seed(for: seed)
        let (status, message) = try values.withUnsafeMutableBufferPointer {
            try process.reset(instances[lane], seed: given, options: options, observation: $0.baseAddress! + lane * width, width: width, call: call)
        }
        guard status == GYM_OK else {
            throw PluginValues.failure(status, call: "reset", message: message, plugin: library.name, path: library.path, beforeReset: episodes[lane] == 0)
        }
        episodes[lane] += 1
        replays[lane].started(seed: given, options: options)
        clocks[lane].limit = episodeLimit
        clocks[lane].start()
        write(lane, into: observation)
        return [:]
    }

    func step(_ batchActions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws {
        stepped.removeAll(keepingCapacity: true)
        lanes.removeAll(keepingCapacity: true)
        for lane in 0..<count where !skip[lane] {
            let action = batchActions.action(lane)
            try actions.withUnsafeMutableBufferPointer {
                try PluginValues.encode(action, of: actionSpace, into: $0.baseAddress! + stepped.count * actionWidth, plugin: library.name)
            }
            stepped.append(instances[lane])
            lanes.append(lane)
        }
        guard !stepped.isEmpty else { return }
        let call = PluginCall("step", environment: environmentID, episode: episodes[lanes[0]], step: clocks[lanes[0]].elapsed + 1, lanes: stepped.count)
        var failure: Error?
        let width = observationWidth, stride = actionWidth
        let lanes = self.lanes
        try received.withUnsafeMutableBufferPointer { received in
            try process.step(stepped, actions: actions, observations: received.baseAddress!, call: call) { k, answer in
                let lane = lanes[k]
                guard answer.status == GYM_OK else {
                    if failure == nil {
                        failure = PluginValues.failure(answer.status, call: "step (environment \(lane) of the batch)", message: answer.message,
                                                       plugin: library.name, path: library.path, beforeReset: false)
                    }
                    return
                }
                for j in 0..<width { values[lane * width + j] = received[k * width + j] }
                replays[lane].stepped(actions[k * stride ..< (k + 1) * stride])
                output.rewards[lane] = answer.reward
                output.terminated[lane] = answer.terminated
                output.truncated[lane] = answer.truncated || (clocks[lane].tick() && !answer.terminated)
            }
        }
        if let failure { throw failure }
        for lane in lanes { write(lane, into: output.observations + lane * rowWidth) }
    }

    func observation(lane: Int) -> Observation {
        values.withUnsafeBufferPointer { PluginValues.decode($0.baseAddress! + lane * observationWidth, of: observationSpace) }
    }

    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? {
        replays[lane].snapshot(phase: phase, steps: clocks[lane].elapsed, episode: episodes[lane],
                               observation: values[lane * observationWidth ..< (lane + 1) * observationWidth])
    }

    /// Plays the lane's saved episode again in its instance (`PluginReplay`): a reset with its seed, then
    /// its actions, the lane stepped alone.
    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        let saved = try PluginReplay.Saved(snapshot, actionWidth: actionWidth, observationWidth: observationWidth)
        if saved.phase != .needsReset {
            let replay = LaneReplay(count: count, lane: lane, rowWidth: rowWidth)
            try saved.play(actionSpace: actionSpace, environment: environmentID, plugin: library.name, path: library.path,
                           reset: { _ = try reset(lane: lane, seed: $0, options: $1, observation: observation) },
                           step: { try replay.step($0) { try step($0, skip: $1, into: $2) } },
                           end: { (replay.phase, values[lane * observationWidth ..< (lane + 1) * observationWidth]) })
            write(lane, into: observation)
        }
        episodes[lane] = saved.episode
        replays[lane] = saved.replay
        return saved.phase
    }

    private func write(_ lane: Int, into destination: UnsafeMutablePointer<Float>) {
        observationSpace.flatten(observation(lane: lane), into: &row, at: 0)
        for k in 0..<rowWidth { destination[k] = row[k] }
    }
}

/// The buffers of a batch step that moves one lane alone, to play that lane's saved episode again.
private final class LaneReplay {
    let lane: Int
    private(set) var phase = EpisodePhase.running
    private let actions: UnsafeMutablePointer<Action>
    private let skip: UnsafeMutablePointer<Bool>
    private let output: BatchOutput
    private let count: Int

    init(count: Int, lane: Int, rowWidth: Int) {
        (self.count, self.lane) = (count, lane)
        actions = .allocate(capacity: count)
        actions.initialize(repeating: .discrete(0), count: count)
        skip = .allocate(capacity: count)
        skip.initialize(repeating: true, count: count)
        skip[lane] = false
        let observations = UnsafeMutablePointer<Float>.allocate(capacity: count * rowWidth)
        let rewards = UnsafeMutablePointer<Double>.allocate(capacity: count)
        let terminated = UnsafeMutablePointer<Bool>.allocate(capacity: count), truncated = UnsafeMutablePointer<Bool>.allocate(capacity: count)
        terminated.initialize(repeating: false, count: count)
        truncated.initialize(repeating: false, count: count)
        output = BatchOutput(observations: observations, rewards: rewards, terminated: terminated, truncated: truncated, observationWidth: rowWidth)
    }

    /// Steps the lane with `action` through `step` (the batch's).
    func step(_ action: Action, _ step: (BatchActions, UnsafePointer<Bool>, BatchOutput) throws -> Void) throws {
        actions[lane] = action
        try step(.general(actions), skip, output)
        phase = output.terminated[lane] || output.truncated[lane] ? .ended : .running
    }

    deinit {
        actions.deinitialize(count: count)
        actions.deallocate()
        skip.deallocate()
        output.observations.deallocate()
        output.rewards.deallocate()
        output.terminated.deallocate()
        output.truncated.deallocate()
    }
}
