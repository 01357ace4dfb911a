import Foundation

/// The result of `body` and the seconds it took (monotonic clock).
func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    return (result, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
}

/// Runs `body(run)` for `run` in 0..<repeats; each run returns how many things it did (steps, updates).
/// The median of the runs' rates per second.
func medianRate(repeats: Int, _ body: (Int) throws -> Int) rethrows -> Double {
    var rates: [Double] = []
    for run in 0..<repeats {
        let (count, seconds) = try timed { try body(run) }
        rates.append(Double(count) / seconds)
    }
    return rates.sorted()[rates.count / 2]
}
