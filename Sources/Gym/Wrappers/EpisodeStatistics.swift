#if canImport(Glibc)
import Glibc
#endif

/// Records each episode's return, length and wall-clock time.
///
/// Contract: the step that ends an episode carries `info["episode"] = {"r": return, "l": length,
/// "t": seconds}` (Gymnasium's `RecordEpisodeStatistics` keys); `returns` and `lengths` keep the last
/// `bufferLength` finished episodes, oldest first.
public final class EpisodeStatistics: Wrapper {
    public let bufferLength: Int
    public private(set) var returns: [Double] = []
    public private(set) var lengths: [Int] = []
    public private(set) var episodeCount = 0
    private var episodeReturn = 0.0
    private var episodeLength = 0
    private var episodeStart = 0.0

    public init(_ inner: Environment, bufferLength: Int = 100) {
        self.bufferLength = max(1, bufferLength)
        super.init(inner: inner)
    }

    public override func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        let result = try inner.reset(seed: seed, options: options)
        episodeReturn = 0
        episodeLength = 0
        episodeStart = EpisodeStatistics.now()
        return result
    }

    public override func step(_ action: Action) throws -> Step {
        var step = try inner.step(action)
        episodeReturn += step.reward
        episodeLength += 1
        if step.isLast {
            let seconds = EpisodeStatistics.now() - episodeStart
            step.info["episode"] = ["r": .number(episodeReturn), "l": .number(Double(episodeLength)), "t": .number(seconds)]
            returns.append(episodeReturn)
            lengths.append(episodeLength)
            if returns.count > bufferLength {
                returns.removeFirst()
                lengths.removeFirst()
            }
            episodeCount += 1
        }
        return step
    }

    public override var stateKey: String { "statistics" }
    public override var batchLayer: BatchLayer {
        .refused("EpisodeStatistics records each copy's episodes into its step infos: it has no batched form")
    }

    /// The running episode and the kept ones (an episode's clock restarts when it is put back).
    public override func ownState() -> EnvironmentSnapshot? {
        var own = EnvironmentSnapshot()
        own.set("returns", doubles: returns)
        own.set("lengths", lengths.map { UInt64($0) })
        own.set("episodes", int: episodeCount)
        own.set("return", doubles: [episodeReturn])
        own.set("length", int: episodeLength)
        return own
    }

    public override func restoreOwnState(_ own: EnvironmentSnapshot, whole: EnvironmentSnapshot) throws {
        returns = try own.doubles("returns")
        lengths = try own.words("lengths", count: returns.count).map { Int($0) }
        (episodeCount, episodeLength) = (try own.int("episodes"), try own.int("length"))
        episodeReturn = try own.doubles("return", count: 1)[0]
        episodeStart = EpisodeStatistics.now()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
