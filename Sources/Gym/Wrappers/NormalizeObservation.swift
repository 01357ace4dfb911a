/// Normalises `Box` observations to zero mean and unit variance with running statistics
/// (``RunningMoments``, updated one observation at a time, as Gymnasium's `NormalizeObservation`).
///
/// Contract: each returned observation is `(x - mean) / sqrt(var + epsilon)` with the statistics
/// updated by that observation first, while `isUpdating` is true. Freeze it (`isUpdating = false`) for
/// evaluation. The observation space becomes the unbounded box of the same shape.
public final class NormalizeObservation: Wrapper {
    public let epsilon: Double
    public var isUpdating = true
    public private(set) var moments: RunningMoments
    public var mean: [Double] { moments.mean }
    public var variance: [Double] { moments.variance }
    public var count: Double { moments.count }
    private let space: Space

    public init(_ inner: Environment, epsilon: Double = 1e-8) throws {
        guard case .box(let b) = inner.observationSpace else {
            throw GymError.invalidArgument("NormalizeObservation needs a Box observation space, got \(inner.observationSpace)")
        }
        self.epsilon = epsilon
        moments = RunningMoments(size: b.size)
        space = .box(try Box(low: -.infinity, high: .infinity, shape: b.shape))
        super.init(inner: inner)
    }

    public override var observationSpace: Space { space }

    private func normalize(_ observation: Observation) -> Observation {
        guard case .vector(let x) = observation else { return observation }
        if isUpdating { moments.update(rows: x) }
        return .vector(moments.normalized(x, epsilon: epsilon))
    }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let (observation, info) = try inner.reset(seed: seed, options: options)
        lastObservation = normalize(observation)
        return (lastObservation!, info)
    }

    /// The last normalised observation (observe() must not update the statistics).
    private var lastObservation: Observation?

    public override func observe() throws -> Observation {
        _ = try inner.observe()
        return lastObservation!
    }

    public override func step(_ action: Action) throws -> Step {
        var step = try inner.step(action)
        step.observation = normalize(step.observation)
        lastObservation = step.observation
        return step
    }

    public override var stateKey: String { "normalize" }
    public override var batchLayer: BatchLayer {
        .refused("NormalizeObservation updates its statistics with one copy's observations at a time: it has no batched form")
    }

    /// The statistics, exactly, and whether they update.
    public override func ownState() -> EnvironmentSnapshot? {
        var own = EnvironmentSnapshot()
        own.set("mean", doubles: moments.mean)
        own.set("variance", doubles: moments.variance)
        own.set("count", doubles: [moments.count])
        own.set("updating", int: isUpdating ? 1 : 0)
        return own
    }

    /// The statistics put back; the current observation is the inner one's, normalised by them (as it
    /// was when saved: the statistics had taken it in).
    public override func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {
        let size = moments.size, count = try own.doubles("count", count: 1)[0]
        guard count > 0 else { throw GymError.invalidArgument("the snapshot's 'normalize.count' is \(count), not positive") }
        moments = RunningMoments(mean: try own.doubles("mean", count: size), variance: try own.doubles("variance", count: size), count: count)
        isUpdating = try own.int("updating") != 0
        if case .vector(let x)? = try? inner.observe() { lastObservation = .vector(moments.normalized(x, epsilon: epsilon)) }
    }
}
