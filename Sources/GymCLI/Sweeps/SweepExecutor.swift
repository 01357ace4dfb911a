import ArgumentParser
import Foundation
import Gym
import GymJSON
import GymRuns

/// Where the runs of a sweep are made: here, one `gym train` process after another, or as Ray tasks on
/// whichever node of a cluster has a free CPU (`python -m swiftgym.cluster`, Specs/cluster.md). Either way
/// each run is the same `gym train` command, so its files are the same. A run that fails, or whose
/// process or Ray worker is killed, is reported by name and tried once more; the other runs go on.
enum SweepExecutor {
    case here
    /// A Ray cluster at `address` ("auto", "HOST:6379", or "local" for one started for the sweep), driven
    /// by the Python `python`, which must have Ray and the swiftgym package.
    case ray(address: String, python: String)

    /// What happened to one run.
    enum Event {
        case finished(SweepPlan.Run, node: String?)
        /// A run kept from an earlier sweep into the same directory: finished, with the same arguments.
        case kept(SweepPlan.Run)
        case retrying(SweepPlan.Run, reason: String)
        case failed(SweepPlan.Run, reason: String)
    }

    /// Makes every run of `plan` that the directory does not already hold finished, calling `event` as each
    /// one ends. Returns the runs that failed twice, by name, with the last reason.
    /// - Throws: `ExitCode` 130 or 143 when a signal stopped a run here (the finished runs stay; running the
    ///   sweep again makes the rest); `GymError.invalidArgument` when the Ray driver cannot start or connect.
    func execute(_ plan: SweepPlan, event: (Event) -> Void) throws -> [String: String] {
        try FileManager.default.createDirectory(atPath: plan.directory + "/runs", withIntermediateDirectories: true)
        var pending: [SweepPlan.Run] = []
        for run in plan.runs {
            if SweepExecutor.isFinished(run, of: plan) { event(.kept(run)) } else { pending.append(run) }
        }
        guard !pending.isEmpty else { return [:] }
        switch self {
        case .here: return try runHere(pending, of: plan, event: event)
        case .ray(let address, let python): return try runOnRay(pending, of: plan, address: address, python: python, event: event)
        }
    }

    /// The gym executable that is running, which makes every run.
    static var gymExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The file beside a finished run's files that records the arguments it was made with.
    static func argumentsFile(of run: SweepPlan.Run, in plan: SweepPlan) -> String { plan.directory(of: run) + "/arguments.json" }

    /// Whether `run`'s directory holds a finished run made with the arguments the plan gives it now.
    static func isFinished(_ run: SweepPlan.Run, of plan: SweepPlan) -> Bool {
        func read(_ path: String) -> JSONValue? {
            FileManager.default.contents(atPath: path).flatMap { try? JSONReader.parse(String(decoding: $0, as: UTF8.self), source: path).plain }
        }
        guard let recorded = read(argumentsFile(of: run, in: plan))?.arrayValue?.compactMap(\.stringValue),
              recorded == plan.trainArguments(of: run) else { return false }
        return read(plan.directory(of: run) + "/run.json")?.objectValue?["status"]?.stringValue == "finished"
    }

    /// Marks `run` finished with the plan's arguments (written last, so that a run cut short is made again;
    /// the Ray driver writes the same file into the directories it brings back).
    static func recordFinished(_ run: SweepPlan.Run, of plan: SweepPlan) throws {
        let text = JSONValue.array(plan.trainArguments(of: run).map { .string($0) }).encoded() + "\n"
        try text.write(toFile: argumentsFile(of: run, in: plan), atomically: true, encoding: .utf8)
    }

    // MARK: Here

    private func runHere(_ runs: [SweepPlan.Run], of plan: SweepPlan, event: (Event) -> Void) throws -> [String: String] {
        var failures: [String: String] = [:]
        for run in runs {
            for attempt in 1...2 {
                let directory = plan.directory(of: run)
                try? FileManager.default.removeItem(atPath: directory)
                let (status, signal, errors) = try SweepExecutor.launch(SweepExecutor.gymExecutable, plan.trainArguments(of: run) + ["--out", directory])
                if status == 130 || status == 143 {
                    printError("the sweep stopped at run \(run.name) (exit status \(status)); the runs finished so far are kept, "
                               + "and the same command makes the rest")
                    throw ExitCode(status)
                }
                if status == 0 && signal == nil {
                    try SweepExecutor.recordFinished(run, of: plan)
                    event(.finished(run, node: nil))
                    break
                }
                let ending = signal.map { "gym train was killed by signal \($0)" } ?? "gym train exited with status \(status)"
                let reason = ending + (errors.isEmpty ? "" : ": " + errors)
                if attempt == 1 { event(.retrying(run, reason: reason)) } else { event(.failed(run, reason: reason)); failures[run.name] = reason }
            }
        }
        return failures
    }

    /// Runs `executable` with `arguments` to its end; returns its exit status, the signal that ended it,
    /// and the last lines it wrote to standard error.
    private static func launch(_ executable: String, _ arguments: [String]) throws -> (status: Int32, signal: Int32?, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let last = text.split(separator: "\n").suffix(3).joined(separator: " | ")
        if process.terminationReason == .uncaughtSignal { return (-1, process.terminationStatus, last) }
        return (process.terminationStatus, nil, last)
    }

    // MARK: Ray

    /// Hands the runs to `python -m swiftgym.cluster`, which submits each as a Ray task, brings its directory
    /// back here, and reports one JSON line per event on its standard output.
    private func runOnRay(_ runs: [SweepPlan.Run], of plan: SweepPlan, address: String, python: String,
                          event: (Event) -> Void) throws -> [String: String] {
        let planPath = plan.directory + "/ray-plan.json"
        var object: [String: JSONValue] = [
            "address": .string(address), "gym": .string(SweepExecutor.gymExecutable),
            "runs": .array(runs.map { run in
                .object(["name": .string(run.name), "arguments": .array(plan.trainArguments(of: run).map { .string($0) }),
                         "directory": .string(URL(fileURLWithPath: plan.directory(of: run)).standardizedFileURL.path)])
            }),
        ]
        if let file = plan.environmentFile, let text = FileManager.default.contents(atPath: file).map({ String(decoding: $0, as: UTF8.self) }) {
            object["files"] = .array([.object(["path": .string(file), "text": .string(text)])])
        }
        try (JSONValue.object(object).encoded() + "\n").write(toFile: planPath, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-m", "swiftgym.cluster", planPath]
        let lines = Pipe()
        process.standardOutput = lines
        do { try process.run() } catch {
            throw GymError.invalidArgument("--ray needs a Python with Ray and swiftgym; could not start \(python): \(error)")
        }
        let byName = Dictionary(uniqueKeysWithValues: runs.map { ($0.name, $0) })
        var failures: [String: String] = [:], done = false, buffer = Data()
        let reader = lines.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                guard let record = (try? JSONReader.parse(line, source: "swiftgym.cluster"))?.plain.objectValue,
                      let kind = record["event"]?.stringValue else { print(line); continue }
                if kind == "done" { done = true; continue }
                guard let name = record["name"]?.stringValue, let run = byName[name] else { continue }
                let reason = record["reason"]?.stringValue ?? ""
                switch kind {
                case "finished": event(.finished(run, node: record["node"]?.stringValue))
                case "retrying": event(.retrying(run, reason: reason))
                default: event(.failed(run, reason: reason)); failures[name] = reason
                }
            }
        }
        process.waitUntilExit()
        if process.terminationStatus == 130 || process.terminationStatus == 143 { throw ExitCode(process.terminationStatus) }
        guard done else {
            throw GymError.invalidArgument("the Ray driver (\(python) -m swiftgym.cluster \(planPath)) ended with status "
                                           + "\(process.terminationStatus) before every run was done; its messages are above")
        }
        return failures
    }
}
