import Foundation

/// Where `discover()` looks for environment files.
extension Registry {
    /// The default search path: the `Environments` folder of the SwiftGym checkout that holds the
    /// running program (or the current directory), then each directory in `GYM_PATH` (colon-separated).
    public static func defaultSearchPaths() -> [String] {
        var paths: [String] = []
        if let shipped = shippedEnvironmentsDirectory() { paths.append(shipped) }
        if let extra = ProcessInfo.processInfo.environment["GYM_PATH"] {
            paths += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        return paths
    }

    /// The first `Environments` directory found walking up from the executable, then from the current directory.
    public static func shippedEnvironmentsDirectory() -> String? {
        let fm = FileManager.default
        let starts = [
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent(),
            URL(fileURLWithPath: fm.currentDirectoryPath),
        ]
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Environments")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue,
                   fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                    return candidate.path
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
