import Foundation

/// How a `VectorEnvironment` restarts copies whose episode ended (Gymnasium 1.x's three modes).
public enum AutoresetMode: String, Sendable, CaseIterable {
    /// Gymnasium 1.x's default: the step that ends an episode returns the final observation; on the
    /// copy's next step its action is ignored, the copy is reset, and that step returns the reset
    /// observation with reward 0 and both flags false.
    case nextStep = "next-step"
    /// The copy is reset within the step that ended its episode; the step returns the reset
    /// observation and puts the final one in `finalObservations` (and its row in `finalObservationRows`).
    case sameStep = "same-step"
    /// Copies are never reset by a step: the caller resets those that ended (`reset(copy:seed:options:)`),
    /// and stepping one before that is an error.
    case disabled
}

/// `count` copies of one environment stepped together, their results in flat buffers.
///
/// Contract:
/// - `reset(seed: s)` resets copy `i` with seed `s + i` (or `nil` for all when `s` is nil).
/// - After `reset` and after each `step`, `observations` holds `count` rows of
///   `observationSpace.flatDimension` Floats (one-hot for discrete spaces, see `Space.flatten`), row `i`
///   for copy `i`; `rewards`, `terminated`, `truncated` and `infos` hold the last step's values per copy;
///   `observation(at:)` gives copy `i`'s observation exactly.
/// - Copy `i` is bit-identical to one environment reset with copy `i`'s seed and stepped with copy `i`'s
///   actions, whatever `count` and `threads`: environments with a batched path (`BatchSteppable`: the
///   dynamics, tabular and grid kinds) step as one `EnvironmentBatch` per thread; any other environment
///   steps as copies made by the factory, one by one, on the same threads.
/// - A step checks every action before anything moves: an invalid one throws `BatchActionError` with the
///   copy's index, and no copy changes.
/// - Copies whose episode ended restart according to `autoresetMode`.
///
/// ```swift
/// let vector = try VectorEnvironment(count: 64, threads: 2) { try Registry.shared.make("cartpole-v1") }
/// try vector.reset(seed: 0)
/// try vector.step(Array(repeating: .discrete(1), count: 64))
/// vector.rewards[0]      // 1.0
/// ```
public final class VectorEnvironment {
    public let count: Int
    public let autoresetMode: AutoresetMode
    public let observationSpace: Space
    public let actionSpace: Space
    /// The threads a step is split across (the caller's among them).
    public let threads: Int
    /// True when the copies step through a batched path rather than one by one.
    public var isBatched: Bool { batchRefusal == nil }
    /// Why the copies step one by one, naming the environment or the wrapper that has no batched form
    /// (`BatchSteppable`, `Wrapper.batchLayer`); nil when they step as a batch.
    public let batchRefusal: String?

    /// Row-major `count x observationSpace.flatDimension` observations.
    public var observations: [Float] { Array(observationBuffer) }
    public var rewards: [Double] { Array(rewardBuffer) }
    public var terminated: [Bool] { Array(terminatedBuffer) }
    public var truncated: [Bool] { Array(truncatedBuffer) }
    /// Each copy's info from the last call: its reset's after a reset, its step's after a step (none on the
    /// batched path but the matrix games'), and in same-step mode the two merged for a copy that reset.
    public var infos: [Info] { Array(infoBuffer) }
    /// True when some copy's info from the last call is not empty (without making `infos`).
    public var hasInfos: Bool { parts.contains { part in (0..<part.count).contains { part.buffers.hasInfo[$0] } } }
    /// In `.sameStep` mode, the observation that ended copy `i`'s episode on the last step, else nil.
    public var finalObservations: [Observation?] { Array(finalBuffer) }

    /// The buffers behind the arrays above, at one address for the vector's lifetime: read them between
    /// steps without copying (the C ABI copies them once a step into the caller's bound buffers, in each
    /// space's natural form: `sg_vector_bind`). They are the
    /// vector's: a batch may update a row in place from what it holds (a one-hot row by its two changed
    /// entries), so they are read-only to everyone else.
    public var observationBuffer: UnsafeBufferPointer<Float> { .init(start: all.observations, count: count * width) }
    public var rewardBuffer: UnsafeBufferPointer<Double> { .init(start: all.rewards, count: count) }
    public var terminatedBuffer: UnsafeBufferPointer<Bool> { .init(start: all.terminated, count: count) }
    public var truncatedBuffer: UnsafeBufferPointer<Bool> { .init(start: all.truncated, count: count) }
    /// In `.sameStep` mode, row `i` holds copy `i`'s final observation, flattened, when `finalObservations[i]`
    /// is not nil.
    public var finalObservationRows: UnsafeBufferPointer<Float> { .init(start: all.finalRows, count: count * width) }

    /// The public buffers, of every copy.
    private let all: LaneBuffers
    /// The copies each thread steps; part `p` holds copies `parts[p].start ..< parts[p].start + parts[p].count`.
    let parts: [VectorPart]
    /// `parts`, unretained, for the worker pool's task.
    private let partPointers: UnsafeMutablePointer<Unmanaged<VectorPart>>
    private let infoBuffer: UnsafeMutableBufferPointer<Info>
    private let finalBuffer: UnsafeMutableBufferPointer<Observation?>
    private let width: Int
    private let pool: WorkerPool
    private var indexActions: [Int]
    private var valueActions: [Double]
    /// Whether copy `i` has been reset (or restored) since the vector was made: a step before that throws.
    private var wasReset: [Bool]
    private var copiesNeverReset: Int

    /// How copies of `env` step: as batches of the first `BatchSteppable` environment in its stack of
    /// wrappers, with the smallest of the layers' time limits, when every layer above it has a batched
    /// form (`Wrapper.batchLayer`); else one by one, for the reason given. The vector checks the call
    /// order and the actions itself, so `EpisodeGuard`'s other checks hold without it.
    static func batchPlan(_ env: Environment) -> Result<(prototype: BatchSteppable, limit: Int?), BatchRefusal> {
        var layer = env, limit: Int?
        while !(layer is BatchSteppable), let wrapper = layer as? Wrapper {
            switch wrapper.batchLayer {
            case .transparent: break
            case .timeLimit(let steps): limit = min(limit ?? steps, steps)
            case .refused(let reason): return .failure(BatchRefusal(reason: reason))
            }
            layer = wrapper.inner
        }
        guard let prototype = layer as? BatchSteppable else {
            return .failure(BatchRefusal(reason: "\(layer.metadata.id ?? String(describing: type(of: layer))) has no batched form (it is not BatchSteppable)"))
        }
        return .success((prototype, limit))
    }

    struct BatchRefusal: Error { let reason: String }

    /// The threads a vector of `count` copies uses by default: one per core, but no more than one per 128
    /// copies. Handing a part of a step to another core costs a cross-core round trip and the wait for the
    /// slower part; on a 2-core machine two threads gave 1.0x at 64 CartPoles, 1.5x at 256 and 1.6x at 1,024.
    public static func defaultThreads(count: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / 128))
    }

    /// - Parameters:
    ///   - count: the number of copies, at least 1.
    ///   - autoresetMode: how copies whose episode ended restart; next-step (Gymnasium's default) by default.
    ///   - threads: the threads to split a step across; nil for `defaultThreads(count:)`. At most `count`.
    ///   - factory: makes one environment. When it returns a `BatchSteppable` environment, or one inside the
    ///     standard `EpisodeGuard` of `Registry.make`, that one is the prototype of the batches and the
    ///     factory is not called again; otherwise it is called `count` times.
    /// - Throws: `GymError.invalidArgument` when `count < 1`, `threads < 1` or the copies' spaces differ.
    public init(count: Int, autoresetMode: AutoresetMode = .nextStep, threads: Int? = nil, factory: () throws -> Environment) throws {
        guard count >= 1 else { throw GymError.invalidArgument("a VectorEnvironment needs at least one copy, got \(count)") }
        if let threads, threads < 1 { throw GymError.invalidArgument("a VectorEnvironment needs at least one thread, got \(threads)") }
        let threads = min(count, threads ?? VectorEnvironment.defaultThreads(count: count))
        let starts = (0...threads).map { $0 * count / threads }
        let first = try factory()
        let batches: [EnvironmentBatch]
        switch VectorEnvironment.batchPlan(first) {
        case .success(let (prototype, limit)):
            batches = try (0..<threads).map {
                let batch = try prototype.makeBatch(count: starts[$0 + 1] - starts[$0])
                if let limit { batch.episodeLimit = min(batch.episodeLimit ?? limit, limit) }
                return batch
            }
            batchRefusal = nil
        case .failure(let refusal):
            var copies = [first]
            for _ in 1..<count { copies.append(try factory()) }
            for (i, env) in copies.enumerated() where env.observationSpace != first.observationSpace || env.actionSpace != first.actionSpace {
                throw GymError.invalidArgument("VectorEnvironment copy \(i) has spaces different from copy 0")
            }
            batches = (0..<threads).map { EnvironmentCopies(Array(copies[starts[$0] ..< starts[$0 + 1]])) }
            batchRefusal = refusal.reason
        }
        self.count = count
        self.threads = threads
        self.autoresetMode = autoresetMode
        observationSpace = first.observationSpace
        actionSpace = first.actionSpace
        let width = observationSpace.flatDimension
        self.width = width
        pool = WorkerPool(parts: threads)
        let all = LaneBuffers(count: count, width: width)
        self.all = all
        let infos = UnsafeMutableBufferPointer<Info>.allocate(capacity: count)
        infos.initialize(repeating: [:])
        let finals = UnsafeMutableBufferPointer<Observation?>.allocate(capacity: count)
        finals.initialize(repeating: nil)
        infoBuffer = infos
        finalBuffer = finals
        parts = (0..<threads).map { p in
            VectorPart(start: starts[p], batch: batches[p], buffers: threads == 1 ? all : LaneBuffers(count: batches[p].count, width: width),
                       published: threads == 1 ? nil : all, infos: infos.baseAddress!, finals: finals.baseAddress!, mode: autoresetMode)
        }
        partPointers = .allocate(capacity: threads)
        partPointers.initialize(from: parts.map { Unmanaged.passUnretained($0) }, count: threads)
        indexActions = Array(repeating: 0, count: count)
        wasReset = Array(repeating: false, count: count)
        copiesNeverReset = count
        valueActions = Array(repeating: 0, count: count * (actionSpace.box?.size ?? 0))
    }

    deinit {
        all.deallocate()
        for part in parts where part.published != nil { part.buffers.deallocate() }
        partPointers.deallocate()
        _ = infoBuffer.deinitialize()
        infoBuffer.deallocate()
        _ = finalBuffer.deinitialize()
        finalBuffer.deallocate()
    }

    /// Whether a step is now shared among the vector's threads: false with one thread, and while the other
    /// threads would not get cores of their own (another process holds them), when the calling thread steps
    /// every part itself.
    public var isSharingSteps: Bool { pool.isSharing }

    /// The steps so far (calls of `step`, all copies at once) of a vector of several threads, and those
    /// that were shared among them.
    public var stepCounts: (steps: Int, shared: Int) { let counts = pool.jobCounts; return (counts.jobs, counts.shared) }

    /// Copy `i`'s current observation.
    public func observation(at i: Int) -> Observation {
        let part = self.part(of: i)
        return part.batch.observation(lane: i - part.start)
    }

    /// Copy `i`'s text picture (its environment's `render()`), or nil.
    public func render(copy i: Int) -> String? {
        let part = self.part(of: i)
        return part.batch.render(lane: i - part.start)
    }

    /// Copy `i`'s drawing (its environment's `picture()`), or nil.
    public func picture(copy i: Int) -> Picture? {
        let part = self.part(of: i)
        return part.batch.picture(lane: i - part.start)
    }

    func part(of i: Int) -> VectorPart {
        var p = parts.count - 1
        while parts[p].start > i { p -= 1 }
        return parts[p]
    }

    /// Resets every copy (copy `i` with seed `seed + i`).
    public func reset(seed: UInt64? = nil, options: ResetOptions = .none) throws {
        for i in 0..<count { try reset(copy: i, seed: seed.map { $0 &+ UInt64(i) }, options: options) }
    }

    /// Resets copy `i` alone (in any mode, at any time): its row then holds its first observation with
    /// reward 0, both flags false and its reset info.
    /// - Throws: `GymError.invalidArgument` for an index outside `0 ..< count`, or the environment's error.
    public func reset(copy i: Int, seed: UInt64? = nil, options: ResetOptions = .none) throws {
        guard i >= 0 && i < count else { throw GymError.invalidArgument("VectorEnvironment has copies 0..<\(count), got \(i)") }
        let part = self.part(of: i)
        try part.reset(lane: i - part.start, seed: seed, options: options)
        markReset(i)
    }

    /// Copy `i` has been reset or restored: steps may go on from it.
    func markReset(_ i: Int) {
        guard !wasReset[i] else { return }
        wasReset[i] = true
        copiesNeverReset -= 1
    }

    /// Steps every copy with its action (`actions[i]` for copy `i`).
    /// - Throws: `GymError.invalidArgument` for a wrong number of actions; `BatchActionError` for an action
    ///   outside the action space, before anything moves; `GymError.resetNeeded` for a copy that was never
    ///   reset (in every mode), or outside next-step mode for a copy whose episode ended; or an
    ///   environment's error.
    public func step(_ actions: [Action]) throws {
        guard actions.count == count else {
            throw GymError.invalidArgument("VectorEnvironment.step needs \(count) actions, got \(actions.count)")
        }
        if case .discrete = actionSpace, actions.allSatisfy({ $0.index != nil }) {
            for i in 0..<count { indexActions[i] = actions[i].index! }
            try indexActions.withUnsafeBufferPointer { try step(.indices($0.baseAddress!)) }
        } else if let box = actionSpace.box, actions.allSatisfy({ $0.values?.count == box.size }) {
            for i in 0..<count { for k in 0..<box.size { valueActions[i * box.size + k] = actions[i].values![k] } }
            try valueActions.withUnsafeBufferPointer { try step(.values($0.baseAddress!, width: box.size)) }
        } else {
            try actions.withUnsafeBufferPointer { try step(.general($0.baseAddress!)) }
        }
    }

    /// Steps every copy with its action read from caller-owned memory (`count` indices, or `count` rows of
    /// the box's size): the batched path without making `Action` values.
    /// - Throws: as `step(_:)`.
    public func step(_ actions: BatchActions) throws {
        try check(actions)
        for part in parts { part.actions = actions.dropping(part.start) }
        pool.run(UnsafeMutableRawPointer(partPointers)) { context, p in
            context!.assumingMemoryBound(to: Unmanaged<VectorPart>.self)[Int(p)]._withUnsafeGuaranteedRef { $0.step() }
        }
        for part in parts {
            if let error = part.error {
                for part in parts { part.error = nil }
                throw error
            }
        }
    }

    /// Refuses the step, before anything moves, for an action outside the space or a copy that needs a
    /// reset (outside next-step mode).
    private func check(_ actions: BatchActions) throws {
        if copiesNeverReset > 0, let i = wasReset.firstIndex(of: false) {
            throw GymError.resetNeeded("VectorEnvironment copy \(i) was never reset: call reset(seed:) (or reset(copy:)) before the first step")
        }
        // The common case in one pass, reading nothing the threads write: every action valid (copies
        // about to reset in next-step mode ignore theirs, but are checked too here).
        if case .discrete(let space) = actionSpace, case .indices(let p) = actions, autoresetMode == .nextStep {
            var valid = true
            for i in 0..<count { valid = valid && space.contains(p[i]) }
            if valid { return }
        }
        for part in parts {
            for lane in 0..<part.count {
                let i = part.start + lane
                if part.buffers.ended[lane] {
                    if autoresetMode == .nextStep { continue }  // reset by this step, its action ignored
                    throw GymError.resetNeeded("VectorEnvironment copy \(i) needs a reset: its episode ended, or it was never reset "
                        + "(autoreset \(autoresetMode.rawValue)); call reset(seed:) or reset(copy:)")
                }
                if let reason = actionSpace.rejection(ofLane: i, in: actions) {
                    throw BatchActionError(lane: i, action: "\(actions.action(i))", reason: reason, space: "\(actionSpace)")
                }
            }
        }
    }
}
