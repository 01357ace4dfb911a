/// Fresh copies of one environment stepped together, a step at a time for all of them, writing into
/// caller-owned flat buffers: the batched path of `VectorEnvironment`.
///
/// Contract:
/// - A batch holds `count` lanes. Lane `i` behaves exactly as a fresh copy of the environment it was
///   made from: reset with the same seed and stepped with the same actions, it produces bit-identical
///   observations, rewards and flags, and its random draws come from its own generator.
/// - The batch applies `episodeLimit` itself: a lane's step numbered `episodeLimit` is truncated
///   unless it terminated.
/// - `step` steps the lanes whose `skip` entry is false, each with its own action, and writes their
///   rows of `output`; skipped lanes and their rows do not change. On entry, each lane's observation row
///   must hold what the batch last wrote there for that lane (by `reset` or `step`): a batch may update a
///   row in place (a one-hot row by the two entries that change). A `VectorEnvironment`'s rows always do.
/// - Every stepped lane must be running (reset, and not ended since), and every action must have been
///   checked against `actionSpace` (`Space.rejection(ofLane:in:)`); `VectorEnvironment` does both before
///   it calls `step`.
/// - `step` and `reset` throw only for what the environment itself would throw (a NaN reward, an
///   invalid initial state); a throwing `step` may leave the lanes it stepped in any state until reset.
/// - A batch is used by one thread at a time; distinct batches may be stepped on distinct threads.
///
/// ```swift
/// let env = try Registry.shared.make("cartpole-v1")
/// let batch = try (env as! BatchSteppable).makeBatch(count: 64)   // DynamicsEnvironment is one
/// ```
public protocol EnvironmentBatch: AnyObject {
    /// The number of lanes.
    var count: Int { get }
    var observationSpace: Space { get }
    var actionSpace: Space { get }
    /// The time limit every lane applies itself; nil for none.
    var episodeLimit: Int? { get set }

    /// Resets lane `lane` (with `seed` when given) and writes its observation, flattened as
    /// `observationSpace.flatten` does, into `observation[0 ..< observationSpace.flatDimension]`.
    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info

    /// Steps every lane whose `skip` entry is false with its action.
    func step(_ actions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws

    /// Lane `lane`'s current observation, exactly (not flattened).
    func observation(lane: Int) -> Observation

    /// True when steps have infos (`stepInfo(lane:)`); false by default.
    var hasStepInfos: Bool { get }

    /// Lane `lane`'s info of its last step; empty by default.
    func stepInfo(lane: Int) -> Info

    /// Lane `lane`'s text picture, as its environment's `render()`; nil by default.
    func render(lane: Int) -> String?
    /// Lane `lane`'s drawing, as its environment's `picture()`; nil by default.
    func picture(lane: Int) -> Picture?

    /// Lane `lane`'s state in its environment's snapshot format (`SnapshottingEnvironment.snapshot()`),
    /// where `phase` is the lane's episode phase (the vector keeps it); nil when the batch cannot save its
    /// lanes (the default).
    func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot?

    /// Puts back a lane's state from `snapshot(lane:phase:)` of a batch made the same way, or from the
    /// snapshot of one such environment, and writes the lane's observation row as `reset` does.
    /// - Returns: the lane's episode phase, as the snapshot records it.
    /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit; by default,
    ///   always (the batch cannot restore its lanes).
    func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase
}

extension EnvironmentBatch {
    public var hasStepInfos: Bool { false }
    public func stepInfo(lane: Int) -> Info { [:] }
    public func render(lane: Int) -> String? { nil }
    public func picture(lane: Int) -> Picture? { nil }
    public func snapshot(lane: Int, phase: EpisodePhase) -> EnvironmentSnapshot? { nil }
    public func restore(lane: Int, _ snapshot: EnvironmentSnapshot, observation: UnsafeMutablePointer<Float>) throws -> EpisodePhase {
        throw GymError.invalidArgument("the copies of this environment cannot be restored from a snapshot")
    }
}

/// An environment that can make a batched path for copies of itself.
public protocol BatchSteppable: Environment {
    /// `count` fresh lanes of this environment, with its current time limit (`SelfEnforcingEnvironment`).
    /// - Throws: `GymError.invalidArgument` when `count < 1`.
    func makeBatch(count: Int) throws -> EnvironmentBatch
}

/// One action per lane, as a batch reads them: indices for a discrete action space, rows of Doubles
/// for a box, `Action` values for any other space. Lane `i`'s action is entry `i`, or row `i`.
public enum BatchActions {
    case indices(UnsafePointer<Int>)
    /// Row-major, `width` values per lane (the box's size).
    case values(UnsafePointer<Double>, width: Int)
    case general(UnsafePointer<Action>)

    /// The actions of lanes `offset...`, as a batch of the lanes from `offset` sees them.
    public func dropping(_ offset: Int) -> BatchActions {
        switch self {
        case .indices(let p): return .indices(p + offset)
        case .values(let p, let width): return .values(p + offset * width, width: width)
        case .general(let p): return .general(p + offset)
        }
    }

    /// Lane `lane`'s action as an `Action` value.
    public func action(_ lane: Int) -> Action {
        switch self {
        case .indices(let p): return .discrete(p[lane])
        case .values(let p, let width): return .continuous(Array(UnsafeBufferPointer(start: p + lane * width, count: width)))
        case .general(let p): return p[lane]
        }
    }
}

/// Where a batch writes one step: row `i` of each buffer belongs to lane `i`.
public struct BatchOutput {
    /// `count x observationSpace.flatDimension` Floats, row-major.
    public var observations: UnsafeMutablePointer<Float>
    public var rewards: UnsafeMutablePointer<Double>
    public var terminated: UnsafeMutablePointer<Bool>
    public var truncated: UnsafeMutablePointer<Bool>
    /// The width of an observation row.
    public var observationWidth: Int

    public init(observations: UnsafeMutablePointer<Float>, rewards: UnsafeMutablePointer<Double>, terminated: UnsafeMutablePointer<Bool>,
                truncated: UnsafeMutablePointer<Bool>, observationWidth: Int) {
        self.observations = observations
        self.rewards = rewards
        self.terminated = terminated
        self.truncated = truncated
        self.observationWidth = observationWidth
    }
}

/// An action of a batch that its action space does not contain; nothing in the batch moved.
public struct BatchActionError: Error, CustomStringConvertible, Equatable {
    /// The lane (environment index) whose action was refused.
    public var lane: Int
    /// The action, as text.
    public var action: String
    /// Why the space refuses it.
    public var reason: String
    /// The action space.
    public var space: String

    public var description: String {
        "invalid action \(action) for environment \(lane) of the batch: \(reason) (action space \(space)); no environment was stepped"
    }
}

extension Space {
    /// Why this space refuses lane `lane`'s action in `actions`, or nil when it contains it (the rules of
    /// `rejection(of:)`, without making an `Action` for indices or rows).
    public func rejection(ofLane lane: Int, in actions: BatchActions) -> String? {
        switch (self, actions) {
        case (.discrete(let space), .indices(let p)):
            return space.contains(p[lane]) ? nil : rejection(of: .discrete(p[lane]))
        case (.box(let box), .values(let p, let width)) where width == box.size:
            let row = p + lane * width
            for k in 0..<width where !(row[k] >= box.low[k] && row[k] <= box.high[k]) {
                return rejection(of: actions.action(lane))
            }
            return nil
        default:
            return rejection(of: actions.action(lane))
        }
    }
}
