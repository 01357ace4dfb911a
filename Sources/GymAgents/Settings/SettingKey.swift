/// One hyperparameter as `--set` names it: the key, and the field of `Hyperparameters` it sets.
///
/// Each agent lists its keys once (`Configurable.keys`); reading `--set` values, writing run.json and
/// listing the settings all go through that list.
public struct SettingKey<Hyperparameters> {
    public let key: String
    let read: (inout Settings, inout Hyperparameters) throws -> Void
    let show: (Hyperparameters) -> String

    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Double>) {
        self.key = key
        read = { settings, h in try settings.read(key, into: &h[keyPath: field]) }
        show = { "\($0[keyPath: field])" }
    }

    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Int>) {
        self.key = key
        read = { settings, h in try settings.read(key, into: &h[keyPath: field]) }
        show = { "\($0[keyPath: field])" }
    }

    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Bool>) {
        self.key = key
        read = { settings, h in try settings.read(key, into: &h[keyPath: field]) }
        show = { "\($0[keyPath: field])" }
    }

    /// Layer sizes, written `64,64`.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, [Int]>) {
        self.key = key
        read = { settings, h in try settings.read(key, into: &h[keyPath: field]) }
        show = { $0[keyPath: field].map(String.init).joined(separator: ",") }
    }

    /// One of `allowed`.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, String>, allowed: [String]) {
        self.key = key
        read = { settings, h in try settings.read(key, into: &h[keyPath: field], allowed: allowed) }
        show = { $0[keyPath: field] }
    }
}

/// Hyperparameters that `--set key=value` can change.
///
/// A caller may rely on: `read` sets exactly the fields whose keys `settings` holds and marks those keys
/// used, throwing `AgentError.invalidSetting` for a value of the wrong form; `values()` reports every
/// key, in a form that `read` accepts back unchanged.
///
/// ```swift
/// struct Hyperparameters: Configurable {
///     /// Adam's step size; 3e-4 (SB3).
///     var learningRate = 3e-4
///     static let keys: [SettingKey<Self>] = [.init("learning_rate", \.learningRate)]
/// }
/// ```
public protocol Configurable {
    /// Every key, once, in the order they are read.
    static var keys: [SettingKey<Self>] { get }
}

extension Configurable {
    /// Sets every field whose key `settings` holds (marking it used, so that leftovers are typos).
    /// - Throws: `AgentError.invalidSetting` for a value of the wrong form.
    public mutating func read(_ settings: inout Settings, keys: [SettingKey<Self>] = Self.keys) throws {
        for key in keys { try key.read(&settings, &self) }
    }

    /// The values by key, as run.json records them.
    public func values(keys: [SettingKey<Self>] = Self.keys) -> [String: String] {
        Dictionary(uniqueKeysWithValues: keys.map { ($0.key, $0.show(self)) })
    }
}
