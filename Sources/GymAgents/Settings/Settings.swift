import Gym

/// Settings given as `--set key=value`, read by each agent's `Hyperparameters`.
public struct Settings {
    public private(set) var values: [String: String]
    private var used: Set<String> = []

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// Sets `value` from the item `key`, when there is one (marking the key used).
    /// - Throws: `AgentError.invalidSetting` naming the key, the text and what was expected.
    mutating func read<Value: SettingValue>(_ key: String, into value: inout Value) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        guard let x = Value(settingText: text) else { throw AgentError.invalidSetting("\(key)=\(text): expected \(Value.expectation)") }
        value = x
    }

    public mutating func read(_ key: String, into value: inout String, allowed: [String]) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        guard allowed.contains(text) else { throw AgentError.invalidSetting("\(key)=\(text): expected one of \(allowed.joined(separator: ", "))") }
        value = text
    }

    /// Throws for settings no agent field read (typos), suggesting the closest of the agent's `known` keys.
    public func checkAllUsed(agent: String, known: [String]) throws {
        guard let unknown = values.keys.filter({ !used.contains($0) }).sorted().first else { return }
        let close = suggestions(for: unknown, among: known, limit: 1).first
        throw AgentError.invalidSetting("\(agent) has no setting '\(unknown)'"
            + (close.map { "; did you mean '\($0)'?" } ?? "") + " (`gym agents \(agent)` lists its settings)")
    }
}

/// What a `--set` value can be (a number, an integer, true or false, layer sizes): how it is read from
/// text and written back, and how messages and `gym agents` name it. Internal, so that the standard
/// types' conformances stay inside GymAgents; `SettingKey` has a public initialiser for each.
protocol SettingValue {
    /// What `--set` expects, for messages: "a number".
    static var expectation: String { get }
    /// The type `gym agents` shows: "number".
    static var typeName: String { get }
    init?(settingText: String)
    /// The value as `--set` takes it back.
    var settingText: String { get }
}

extension Double: SettingValue {
    static var expectation: String { "a number" }
    static var typeName: String { "number" }
    init?(settingText text: String) {
        guard let x = Double(text), x.isFinite else { return nil }
        self = x
    }
    var settingText: String { "\(self)" }
}

extension Int: SettingValue {
    static var expectation: String { "an integer" }
    static var typeName: String { "integer" }
    init?(settingText text: String) { self.init(text) }
    var settingText: String { "\(self)" }
}

extension Bool: SettingValue {
    static var expectation: String { "true or false" }
    static var typeName: String { "true or false" }
    init?(settingText text: String) { self.init(text) }
    var settingText: String { "\(self)" }
}

/// Layer sizes, written `64,64`: at most `maxLayers` layers of 1 to `maxLayerSize` units each, so that
/// a setting (or a damaged checkpoint's) cannot ask for a network that does not fit in memory.
extension Array: SettingValue where Element == Int {
    static var maxLayerSize: Int { 4096 }
    static var maxLayers: Int { 16 }
    static var expectation: String { "sizes like 64,64 (1 to \(maxLayerSize) units each, at most \(maxLayers) layers)" }
    static var typeName: String { "sizes like 64,64" }
    init?(settingText text: String) {
        let items = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, items.count <= Self.maxLayers, items.allSatisfy({ (1...Self.maxLayerSize).contains($0 ?? 0) }) else { return nil }
        self = items.map { $0! }
    }
    var settingText: String { map(String.init).joined(separator: ",") }
}
