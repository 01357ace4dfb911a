import Foundation
import Gym
import GymJSON

/// What a finished run of a sweep left in its directory: its learning curve, final evaluation and wall
/// time, read back from run.json and evaluations.csv (the same files wherever the run ran).
public struct RunOutcome {
    public let run: SweepPlan.Run
    /// The evaluations' step and mean return, in order.
    public let curve: [(step: Int, mean: Double)]
    public let finalMean: Double
    public let seconds: Double

    /// Reads the outcome of `run` from `directory`.
    /// - Throws: `GymError.invalidArgument` naming the file that is missing or malformed.
    public init(run: SweepPlan.Run, directory: String) throws {
        let runPath = directory + "/run.json", curvePath = directory + "/evaluations.csv"
        guard let runText = FileManager.default.contents(atPath: runPath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw GymError.invalidArgument("\(runPath): no such file; run \(run.name) left no run.json")
        }
        let object = try JSONReader.parse(runText, source: runPath).plain.objectValue
        guard let final = object?["final_evaluation"]?.objectValue?["mean"]?.doubleValue,
              let seconds = object?["wall_seconds"]?.doubleValue else {
            throw GymError.invalidArgument("\(runPath): no final_evaluation.mean or wall_seconds; run \(run.name) did not finish")
        }
        guard let csv = FileManager.default.contents(atPath: curvePath).map({ String(decoding: $0, as: UTF8.self) }) else {
            throw GymError.invalidArgument("\(curvePath): no such file; run \(run.name) left no evaluations")
        }
        var curve: [(step: Int, mean: Double)] = []
        for (index, line) in csv.split(separator: "\n").enumerated().dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count >= 2, let step = Int(fields[0]), let mean = Double(fields[1]) else {
                throw GymError.invalidArgument("\(curvePath): line \(index + 1) is not step,mean,...: \(line)")
            }
            curve.append((step, mean))
        }
        self.run = run
        self.curve = curve
        self.finalMean = final
        self.seconds = seconds
    }
}
