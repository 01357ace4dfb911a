import XCTest
import Gym

final class RandomSourceTests: XCTestCase {
    // Reference values from an independent implementation of SplitMix64 and xoshiro256** 1.0.
    func testSplitMix64GoldenValues() {
        var mixer = SplitMix64(seed: 0)
        XCTAssertEqual([mixer.next(), mixer.next(), mixer.next()], [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
    }

    func testXoshiroGoldenValuesForSeedZero() {
        var rng = RandomSource(seed: 0)
        let values = (0..<5).map { _ in rng.next() }
        XCTAssertEqual(values, [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59])
    }

    func testXoshiroGoldenValuesForSeed42() {
        var rng = RandomSource(seed: 42)
        let values = (0..<5).map { _ in rng.next() }
        XCTAssertEqual(values, [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64])
    }

    func testNextDoubleUsesTheTop53Bits() {
        var rng = RandomSource(seed: 42)
        XCTAssertEqual(rng.nextDouble(), 0.08386297105988216)
    }

    func testSameSeedSameSequenceDifferentSeedDifferentSequence() {
        var a = RandomSource(seed: 7), b = RandomSource(seed: 7), c = RandomSource(seed: 8)
        let xa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(xa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(xa, (0..<100).map { _ in c.next() })
    }

    func testNextIntIsInRangeAndRoughlyUniform() {
        var rng = RandomSource(seed: 1)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextInt(below: 6)] += 1 }
        // Chi-square with 5 degrees of freedom; 20.5 is the 0.999 quantile.
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - 10_000, 2) / 10_000 }
        XCTAssertLessThan(chi2, 20.5, "counts \(counts)")
    }

    func testUniformDoublesHaveTheRightMoments() {
        var rng = RandomSource(seed: 2)
        let xs = (0..<100_000).map { _ in rng.nextDouble() }
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        XCTAssertEqual(mean, 0.5, accuracy: 0.005)
        XCTAssertEqual(variance, 1.0 / 12, accuracy: 0.002)
    }

    func testNormalDrawsHaveZeroMeanAndUnitVariance() {
        var rng = RandomSource(seed: 3)
        let xs = (0..<100_000).map { _ in rng.nextNormal() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        XCTAssertEqual(mean, 0, accuracy: 0.015)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }

    func testCategoricalFollowsTheProbabilities() {
        var rng = RandomSource(seed: 4)
        var counts = [0, 0, 0]
        for _ in 0..<100_000 { counts[rng.categorical([0.2, 0.0, 0.8])] += 1 }
        XCTAssertEqual(counts[1], 0)
        XCTAssertEqual(Double(counts[0]) / 100_000, 0.2, accuracy: 0.005)
    }

    /// When the probabilities sum to less than the draw (rounding), the last index with positive
    /// probability takes the rest; a zero-probability index is never drawn.
    func testCategoricalSlackGoesToTheLastPositiveIndex() {
        var rng = RandomSource(seed: 5)
        var counts = [0, 0, 0, 0]
        for _ in 0..<100_000 { counts[rng.categorical([0.25, 0.5, 0.0, 0.0])] += 1 }
        XCTAssertEqual(counts[2] + counts[3], 0)
        XCTAssertEqual(Double(counts[1]) / 100_000, 0.75, accuracy: 0.005)
        XCTAssertEqual(rng.categorical([0.0, 0.0]), 0, "no positive probability: index 0")
    }
}
