#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The portable pseudo-random generator every SwiftGym environment, space and agent draws from:
/// xoshiro256** 1.0 (Blackman and Vigna), its 256-bit state filled from the seed by `SplitMix64`.
///
/// Contract:
/// - The same seed gives the same sequence of `next()` values on every machine, in every build mode.
/// - `nextDouble()` is `(next() >> 11) * 2^-53`, uniform on [0, 1) with 53 random bits.
/// - `nextInt(below:)` is Lemire's unbiased multiply-and-reject method; integer arithmetic only.
/// - `nextNormal()` is the Box–Muller transform of two `nextDouble()` draws (one pair per call, the
///   second value discarded) computed with the C library's `log`, `sqrt` and `cos`: identical wherever
///   those functions are correctly rounded, as glibc's are on x86-64 and AArch64.
/// - Every method documents how many `next()` values it consumes, so that a documented order of draws
///   fixes a trajectory.
public struct RandomSource: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's 256-bit state.
    public var state: (UInt64, UInt64, UInt64, UInt64) { bits }
    @usableFromInline var bits: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose state is four successive SplitMix64 outputs from `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        bits = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    /// A generator in exactly this state, as `state` reported it (for snapshots). An all-zero state is
    /// the one xoshiro256** cannot leave; it is replaced by the state of seed 0.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        bits = state
        if state == (0, 0, 0, 0) { self = RandomSource(seed: 0) }
    }

    /// `state` as four words, in order, for saving.
    public var stateWords: [UInt64] { [bits.0, bits.1, bits.2, bits.3] }

    /// A generator in the state `stateWords` gave; nil unless there are exactly four words.
    public init?(stateWords words: [UInt64]) {
        guard words.count == 4 else { return nil }
        self.init(state: (words[0], words[1], words[2], words[3]))
    }

    /// A generator seeded from the system's entropy source, for runs that asked for no seed.
    public static func entropySeeded() -> RandomSource {
        var system = SystemRandomNumberGenerator()
        return RandomSource(seed: system.next())
    }

    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// The next 64 random bits (consumes one value).
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = RandomSource.rotl(bits.1 &* 5, 7) &* 9
        let t = bits.1 << 17
        bits.2 ^= bits.0
        bits.3 ^= bits.1
        bits.1 ^= bits.2
        bits.0 ^= bits.3
        bits.2 ^= t
        bits.3 = RandomSource.rotl(bits.3, 45)
        return result
    }

    /// Uniform on [0, 1) (consumes one value).
    @inlinable @inline(__always)
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform on [low, high) as `low + (high - low) * nextDouble()` (consumes one value).
    @inlinable @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextDouble()
    }

    /// Uniform integer in 0..<bound, unbiased (consumes one value, more only on the rare rejection).
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s
            while product.low < threshold {
                product = next().multipliedFullWidth(by: s)
            }
        }
        return Int(product.high)
    }

    /// Standard normal draw by Box–Muller (consumes two values).
    public mutating func nextNormal() -> Double {
        let u1 = 1.0 - nextDouble()  // in (0, 1], so log is finite
        let u2 = nextDouble()
        return sqrt(-2.0 * log(u1)) * cos(2.0 * Double.pi * u2)
    }

    /// Normal with mean `mu` and standard deviation `sigma` (consumes two values).
    public mutating func normal(_ mu: Double, _ sigma: Double) -> Double {
        mu + sigma * nextNormal()
    }

    /// True with probability `p` (consumes one value).
    public mutating func bernoulli(_ p: Double) -> Bool { nextDouble() < p }

    /// An index drawn from `probabilities` (which should sum to 1) by inverse CDF on one uniform
    /// draw (consumes one value). Rounding slack falls to the last index with positive probability.
    @inlinable @inline(__always)
    public mutating func categorical<C: Collection>(_ probabilities: C) -> Int where C.Element == Double {
        let u = nextDouble()
        var cumulative = 0.0
        var i = 0
        for p in probabilities {
            cumulative += p
            if u < cumulative { return i }
            i += 1
        }
        // Only when rounding left the sum at or below u: a second pass, off the common path.
        var lastPositive = 0
        for (j, p) in probabilities.enumerated() where p > 0 { lastPositive = j }
        return lastPositive
    }

    public static func == (a: RandomSource, b: RandomSource) -> Bool {
        a.state.0 == b.state.0 && a.state.1 == b.state.1 && a.state.2 == b.state.2 && a.state.3 == b.state.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
    }
}
