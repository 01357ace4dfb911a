import Foundation
import Gym

/// Connects the MDP file format to the registry.
public enum Environments {
    /// Makes `Registry.shared` load `.json` files as MDP files (from Environments/, GYM_PATH, or a path),
    /// and Gambit `.nfg` files as one-round games.
    /// In the directories it scans, the registry passes over JSON files that do not name a SwiftGym format.
    public static func registerLoaders(in registry: Registry = .shared) {
        registry.addFileLoader(extension: "json", claims: declaresSwiftGymFormat) { path in [try MDPFile(path: path).environmentSpec()] }
        registry.addFileLoader(extension: "nfg") { path in [try GambitGames.environmentSpec(path: path)] }
    }

    /// Whether the file's first 64 KiB name a `swiftgym.` format: an MDP file, valid or not, rather than
    /// some other JSON that happens to share a directory on GYM_PATH.
    static func declaresSwiftGymFormat(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // unreadable: let the loader say so
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 65_536), as: UTF8.self)
        return head.contains("\"swiftgym.")
    }
}
