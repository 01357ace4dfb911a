import Foundation
import Gym

/// A vector's steps per second on each thread count, on an idle machine and beside one CPU-bound process
/// (`BusyNeighbour`), each thread count's rate against one thread's measured in the same turns. Extra
/// threads must not lose: where the other process holds a core, the vector's pool steps aside.
struct ThreadBench {
    let bench: SteppingBench

    func run(_ id: String, copies: Int, threads: [Int], _ report: BenchReport) throws {
        let counts = threads.contains(1) ? threads : [1] + threads
        let vectors = try counts.map { t in try VectorEnvironment(count: copies, threads: t) { try Registry.shared.make(id) } }
        var rows: [[String]] = [], records: [[String: JSONValue]] = []
        for situation in ["idle", "beside a busy process"] {
            let neighbour = situation == "idle" ? nil : try BusyNeighbour()
            let before = vectors.map(\.stepCounts)
            let rates = try bench.measure(vectors.map { bench.loop($0) })
            neighbour?.stop()
            for (k, t) in counts.enumerated() {
                let rate = SteppingBench.median(rates[k]), ratio = SteppingBench.medianRatio(rates[k], rates[0])
                let steps = vectors[k].stepCounts.steps - before[k].steps, shared = vectors[k].stepCounts.shared - before[k].shared
                let sharedFraction = t == 1 ? 0 : Double(shared) / Double(max(1, steps))
                rows.append([id, "\(copies)", "\(t)", situation, String(format: "%.2f M/s", rate / 1e6), String(format: "%.2fx", ratio),
                             t == 1 ? "" : String(format: "%.0f%%", 100 * sharedFraction)])
                records.append(["id": .string(id), "copies": .number(Double(copies)), "threads": .number(Double(t)), "situation": .string(situation),
                                "steps_per_second": .number(rate.rounded()), "ratio_to_one_thread": .number((ratio * 1000).rounded() / 1000),
                                "shared_steps": .number((sharedFraction * 1000).rounded() / 1000)])
            }
        }
        report.section("Threads of a vector, idle and beside one busy process (\(ProcessInfo.processInfo.activeProcessorCount) cores)",
                       header: ["environment", "copies", "threads", "machine", "steps/s", "of 1 thread", "steps shared"], rows: rows, records: records)
    }
}
