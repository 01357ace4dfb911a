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
        }
    }
}
