import Foundation

/// A plugin library that cannot be loaded, or that reported a failure other than an invalid action or
/// a call out of order (those are `GymError.invalidAction`, `.resetNeeded` and `.episodeEnded`, as for
/// any environment).
public struct PluginError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case noSuchFile
        /// `dlopen` failed; its message.
        case cannotLoad(String)
        /// The library exports no entry point of this name.
        case noEntryPoint(String)
        /// The entry point returned NULL.
        case nullTable(entryPoint: String)
        case abiVersion(found: UInt32, supported: UInt32)
        /// The table has a NULL string or function.
        case incompleteTable
        case noEnvironments
        /// `create` refused the configuration; the plugin's message.
        case cannotCreate(environment: String, message: String)
        /// `describe` returned NULL or an unusable description.
        case badDescription(environment: String, problem: String)
        /// A call (`reset`, `step`) returned an error status; the plugin's message.
        case callFailed(call: String, message: String)
        /// An isolated plugin's process ended during `call`: killed by a signal, exited, or stopped by
        /// the host after an overrun of one of its buffers.
        case crashed(call: PluginCall, ending: PluginProcessEnding)
        /// An isolated plugin's `call` did not return within `seconds`; its process was killed.
        case timedOut(call: PluginCall, seconds: Double)
        /// A call on an isolated environment whose process had already ended; why it ended.
        case processEnded(earlier: String)
        /// The plugin host cannot be started, or broke the protocol.
        case hostUnavailable(String)
        /// The plugin host could not load the library; the host's message.
        case hostRefused(String)
        /// A saved episode (`steps` steps into episode `episode`), played again from its seed and actions
        /// to restore a snapshot, did not end where it had: the plugin is not deterministic for a seed.
        case notReplayable(environment: String, episode: Int, steps: Int, problem: String)
    }

    /// The library's path, as given.
    public var path: String
    /// The plugin's own name, once its table has been read.
    public var name: String?
    public var reason: Reason

    public init(path: String, name: String? = nil, reason: Reason) {
        self.path = path
        self.name = name
        self.reason = reason
    }

    public var description: String {
        let library = name.map { "plugin \($0) (\(path))" } ?? "plugin \(path)"
        switch reason {
        case .noSuchFile: return "\(library): no such file"
        case .cannotLoad(let message): return "\(library): cannot be loaded: \(message)"
        case .noEntryPoint(let entry): return "\(library): it exports no '\(entry)' function; is it a SwiftGym plugin?"
        case .nullTable(let entry): return "\(library): \(entry)() returned NULL"
        case .abiVersion(let found, let supported):
            return "\(library): ABI version \(found), but this SwiftGym supports version \(supported); rebuild the plugin against gym_plugin.h"
        case .incompleteTable: return "\(library): its GymPluginV1 table has NULL entries (every string and function is required)"
        case .noEnvironments: return "\(library) lists no environments"
        case .cannotCreate(let environment, let message): return "\(library): cannot create \(environment): \(message)"
        case .badDescription(let environment, let problem): return "\(library), \(environment): \(problem)"
        case .callFailed(let call, let message): return "plugin \(name ?? path): \(call): \(message)"
        case .crashed(let call, let ending): return "\(library): \(call) \(ending); the plugin ran in its own process, which has ended"
        case .timedOut(let call, let seconds):
            return "\(library): \(call) did not return within \(seconds) s (the per-call timeout; --plugin-timeout sets it), so its process was killed"
        case .processEnded(let earlier): return "\(library): its process has ended (\(earlier)); make a new environment"
        case .hostUnavailable(let message): return "plugin host \(path): \(message)"
        case .hostRefused(let message): return message
        case .notReplayable(let environment, let episode, let steps, let problem):
            return "\(library), \(environment): the saved episode (\(steps) steps into episode \(episode)), played again from its seed and actions, "
                + "did not end where it had: \(problem). A run on a plugin resumes only when the plugin is deterministic for a given seed"
        }
    }
}

/// The plugin call an isolated plugin was in when it failed, for messages.
public struct PluginCall: CustomStringConvertible, Equatable, Sendable {
    /// `create`, `describe`, `reset`, `step` or `destroy` (`load` for opening the library).
    public var name: String
    /// The environment id.
    public var environment: String?
    /// The episode (1 for the first reset) and the step within it (1 for the first step), where known.
    public var episode: Int?
    public var step: Int?
    /// The lane of a batch, where the call stepped several.
    public var lanes: Int?

    public init(_ name: String, environment: String? = nil, episode: Int? = nil, step: Int? = nil, lanes: Int? = nil) {
        self.name = name
        self.environment = environment
        self.episode = episode
        self.step = step
        self.lanes = lanes
    }

    public var description: String {
        var text = environment.map { "\($0): " } ?? ""
        if name == "step", let step { text += "step \(step)" } else { text += name }
        if let episode { text += " of episode \(episode)" }
        if let lanes, lanes > 1 { text += " (one call for \(lanes) environments)" }
        return text
    }
}

/// How an isolated plugin's process ended.
public enum PluginProcessEnding: CustomStringConvertible, Equatable, Sendable {
    /// Killed by this signal (a crash, an abort).
    case signal(Int32)
    /// Exited with this status (the plugin called exit).
    case exit(Int32)
    /// Wrote past the end of its observation buffer (or read past its action buffer), at this value
    /// index of a buffer this many values long.
    case overrun(buffer: String, index: Int, width: Int?)

    public var description: String {
        switch self {
        case .signal(let number): return "crashed with \(PluginProcessEnding.name(of: number))"
        case .exit(let status): return "ended the process with exit status \(status)"
        case .overrun(let buffer, let index, let width):
            let verb = buffer == "action" ? "read past the end of its action buffer" : "wrote past the end of its \(buffer) buffer"
            return "\(verb) (value \(index)\(width.map { " of a buffer of \($0)" } ?? ""))"
        }
    }

    static func name(of signal: Int32) -> String {
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV (segmentation fault)", SIGABRT: "SIGABRT (abort)", SIGBUS: "SIGBUS (bus error)",
                                      SIGFPE: "SIGFPE (arithmetic error)", SIGILL: "SIGILL (illegal instruction)", SIGKILL: "SIGKILL",
                                      SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP (trap)", SIGINT: "SIGINT", SIGPIPE: "SIGPIPE"]
        return names[signal] ?? "signal \(signal)"
    }
}
