import Gym

/// Settings given as `--set key=value`, read by each agent's `Hyperparameters`.
public struct Settings {
    public private(set) var values: [String: String]
    private var used: Set<String> = []

    public init(_ values: [String: String] = [:]) { self.values = values }

    public mutating func read(_ key: String, into value: inout Double) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        guard let x = Double(text), x.isFinite else { throw AgentError.invalidSetting("\(key)=\(text): expected a number") }
        value = x
    }

    public mutating func read(_ key: String, into value: inout Int) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        guard let x = Int(text) else { throw AgentError.invalidSetting("\(key)=\(text): expected an integer") }
        value = x
    }

    public mutating func read(_ key: String, into value: inout Bool) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        guard let x = Bool(text) else { throw AgentError.invalidSetting("\(key)=\(text): expected true or false") }
        value = x
    }

    public mutating func read(_ key: String, into value: inout [Int]) throws {
        guard let text = values[key] else { return }
        used.insert(key)
        let items = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !items.isEmpty, items.allSatisfy({ ($0 ?? 0) > 0 }) else { throw AgentError.invalidSetting("\(key)=\(text): expected sizes like 64,64") }
        value = items.map { $0! }
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
