/// One hyperparameter as `--set` names it: the key, the field of `Hyperparameters` it sets, and one line
/// saying what it is and where its default comes from (not the default itself: that is the field's value).
///
/// Each agent declares each hyperparameter once: a field with its default, and one entry in its
/// `Configurable.keys`. Reading `--set` values, writing run.json and listing the settings
/// (`gym agents`) all go through that list.
public struct SettingKey<Hyperparameters> {
    public let key: String
    /// What `--set` takes: "number", "integer", "true or false", "sizes like 64,64", "one of mlp, linear".
    public let type: String
    /// What the setting is and where its default comes from.
    public let help: String
    let read: (inout Settings, inout Hyperparameters) throws -> Void
    let show: (Hyperparameters) -> String

    /// A number (finite).
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Double>, _ help: String) { self.init(key, value: field, help) }
    /// An integer.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Int>, _ help: String) { self.init(key, value: field, help) }
    /// True or false.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, Bool>, _ help: String) { self.init(key, value: field, help) }
    /// Layer sizes, written `64,64`.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, [Int]>, _ help: String) { self.init(key, value: field, help) }

    private init<Value: SettingValue>(_ key: String, value field: WritableKeyPath<Hyperparameters, Value>, _ help: String) {
        self.key = key
        type = Value.typeName
        self.help = help
        read = { settings, h in try settings.read(key, into: &h[keyPath: field]) }
        show = { $0[keyPath: field].settingText }
    }

    /// One of `allowed`.
    public init(_ key: String, _ field: WritableKeyPath<Hyperparameters, String>, allowed: [String], _ help: String) {
        self.key = key
        type = "one of " + allowed.joined(separator: ", ")
        self.help = help
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
///     var learningRate = 3e-4
///     static let keys: [SettingKey<Self>] = [.init("learning_rate", \.learningRate, "Adam's step size; SB3's.")]
/// }
/// ```
///
/// The default is written once, as the field's value: `gym agents` shows it beside the help line, which
/// says what the setting is and where the default comes from, without the value.
public protocol Configurable {
    /// Every key, once, in the order they are read.
    static var keys: [SettingKey<Self>] { get }
    /// The defaults.
    init()
}

/// A setting as `gym agents` lists it.
public struct SettingDescription: Equatable, Sendable {
    public var key: String
    public var type: String
    /// The value `values()` reports for the defaults (a discount that defaults to the environment's shows 0.99).
    public var defaultValue: String
    public var help: String
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

    /// Every key with its type, its default in `defaults` and its help, in order.
    public static func descriptions(keys: [SettingKey<Self>] = Self.keys, defaults: Self = Self()) -> [SettingDescription] {
        keys.map { SettingDescription(key: $0.key, type: $0.type, defaultValue: $0.show(defaults), help: $0.help) }
    }
}
