/// A space together with its own seedable generator, for code that samples repeatedly
/// (Gymnasium's `space.seed(s); space.sample()`).
public final class SpaceSampler {
    public let space: Space
    public private(set) var rng: RandomSource

    public init(_ space: Space, seed: UInt64? = nil) {
        self.space = space
        rng = seed.map(RandomSource.init(seed:)) ?? .entropySeeded()
    }

    public func seed(_ seed: UInt64) { rng = RandomSource(seed: seed) }
    public func sampleAction() -> Action { space.sampleAction(using: &rng) }
    public func sampleObservation() -> Observation { space.sampleObservation(using: &rng) }
}
