import Gym
import GymNN

/// Whether an agent explores (training) or acts greedily (evaluation).
public enum ActMode: Sendable { case explore, greedy }

/// One environment step as an agent learns from it.
public struct Transition {
    public var observation: Observation
    public var action: Action
    public var reward: Double
    public var nextObservation: Observation
    /// The MDP ended: value targets must not bootstrap from `nextObservation`.
    public var terminated: Bool
    /// The episode was cut by a time limit: targets still bootstrap from `nextObservation`.
    public var truncated: Bool

    public init(observation: Observation, action: Action, reward: Double, nextObservation: Observation, terminated: Bool, truncated: Bool) {
        self.observation = observation
        self.action = action
        self.reward = reward
        self.nextObservation = nextObservation
        self.terminated = terminated
        self.truncated = truncated
    }
}

/// Errors creating, configuring or loading agents.
public enum AgentError: Error, CustomStringConvertible, Equatable {
    case unsupported(String)
    case invalidSetting(String)
    case checkpoint(String)

    public var description: String {
        switch self {
        case .unsupported(let m), .invalidSetting(let m), .checkpoint(let m): return m
        }
    }
}

/// A learning (or planning) agent that plugs into any environment whose spaces it supports.
///
/// Contract: `act` returns an element of the action space; `learn` is called by the `Trainer` after
/// every step with that step's transition and returns named training statistics (losses), empty
/// when no update happened; `save`/`restore` write and read the agent's learned state (networks,
/// tables, optimiser state) so that a restored agent acts exactly like the saved one.
public protocol Agent: AnyObject {
    /// The registry name (`dqn`, `q-learning`, ...).
    var name: String { get }
    func act(_ observation: Observation, mode: ActMode) -> Action
    func learn(_ transition: Transition) -> [String: Double]
    func save(into checkpoint: inout Checkpoint)
    func restore(from checkpoint: Checkpoint) throws
    /// The hyperparameters in use, for run.json.
    var settings: [String: String] { get }
    /// For stochastic policies, the action probabilities in an observation (gym act); nil otherwise.
    func actionProbabilities(_ observation: Observation) -> [Double]?
    /// Lines worth printing after training, such as the weights of a linear policy; none by default.
    var trainingReport: [String] { get }
}

extension Agent {
    public func actionProbabilities(_ observation: Observation) -> [Double]? { nil }
    public var trainingReport: [String] { [] }
}

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

    /// Throws for settings no agent field read (typos).
    public func checkAllUsed(agent: String) throws {
        let unknown = values.keys.filter { !used.contains($0) }.sorted()
        if !unknown.isEmpty { throw AgentError.invalidSetting("\(agent) has no setting \(unknown.map { "'\($0)'" }.joined(separator: ", ")); see `gym train --help`") }
    }
}
