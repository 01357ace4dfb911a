import CGymPluginHost
import Foundation

/// How plugins run when they run isolated: the program that hosts them (`gym plugin-host`) and how
/// long any one plugin call may take.
///
/// ```swift
/// Plugins.isolation = try PluginIsolation.locate()       // the `gym` beside this program
/// let env = try Registry.shared.make("/path/libinventory.so")   // runs in a supervised child
/// ```
public struct PluginIsolation: Sendable, Equatable {
    /// The per-call timeout when none is given: long enough for any plugin that works, short enough
    /// that a hung one does not look like a hung `gym`.
    public static let defaultTimeout = 10.0

    /// The `gym` executable whose `plugin-host` command runs the plugin.
    public var hostExecutable: String
    /// Seconds one call (create, describe, reset, one step of all lanes, destroy) may take before the
    /// plugin's process is killed and the call fails.
    public var timeout: Double

    public init(hostExecutable: String, timeout: Double = PluginIsolation.defaultTimeout) {
        self.hostExecutable = hostExecutable
        self.timeout = timeout
    }

    /// The host named by `GYM_PLUGIN_HOST`, else the `gym` executable in the directory of the library
    /// holding this code (libSwiftGymC.so, for the C ABI and Python) or of the running program, or in one
    /// above either (the build folder, for tests).
    /// - Throws: `PluginError` with `.hostUnavailable` when there is none.
    public static func locate(timeout: Double = PluginIsolation.defaultTimeout) throws -> PluginIsolation {
        if let named = ProcessInfo.processInfo.environment["GYM_PLUGIN_HOST"], !named.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: named) else {
                throw PluginError(path: named, reason: .hostUnavailable("GYM_PLUGIN_HOST names no executable file"))
            }
            return PluginIsolation(hostExecutable: named, timeout: timeout)
        }
        let running = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let library = gym_image_path(#dsohandle).map { String(cString: $0) } ?? running
        for start in [library, running] {
            var directory = URL(fileURLWithPath: start).deletingLastPathComponent()
            while directory.path != "/" {
                let candidate = directory.appendingPathComponent("gym").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return PluginIsolation(hostExecutable: candidate, timeout: timeout) }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw PluginError(path: running, reason: .hostUnavailable("no `gym` executable beside it (or beside \(library)) to host plugins; set GYM_PLUGIN_HOST"))
    }
}
