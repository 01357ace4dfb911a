import Gym

/// Connects the MDP file format to the registry.
public enum Environments {
    /// Makes `Registry.shared` load `.json` files as MDP files (from Environments/, GYM_PATH, or a path).
    public static func registerLoaders(in registry: Registry = .shared) {
        registry.addFileLoader(extension: "json") { path in [try MDPFile(path: path).environmentSpec()] }
    }
}
