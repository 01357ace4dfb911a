import Foundation
import Gym
import GymJSON
import GymMDP
import GymPlanning
import GymPlugins

// The C ABI of swiftgym.h: thin functions over `VectorHandle`, each catching every error into the
// calling thread's last-error message (Specs/c-abi.md).

/// The registry with the MDP kinds and plugins, set up on first use.
private let registry: Registry = {
    Environments.registerLoaders()
    Plugins.registerLoader()
    return Registry.shared
}()

/// Runs `body`, turning a thrown error into `failure` and this thread's last error (message and code).
/// A success leaves the last error as it was: a step touches no thread-local state.
func guarded<T>(_ failure: T, _ body: () throws -> T) -> T {
    do { return try body() } catch {
        LastError.set(error)
        return failure
    }
}

/// JSON text a caller passed as an argument (`source` names it in messages): its syntax errors are the
/// caller's invalid argument, not a broken file.
func argumentJSON(_ text: String, source: String) throws -> JSONValue {
    do { return try JSONReader.parse(text, source: source).plain } catch let error as JSONSyntaxError {
        throw GymError.invalidArgument(error.description)
    }
}

/// A C string the caller releases with `sg_free`.
private func owned(_ text: String) -> UnsafeMutablePointer<CChar>? { strdup(text) }

/// Parameters given as a JSON object of numbers, or none.
private func parameters(_ text: UnsafePointer<CChar>?) throws -> [String: Double] {
    guard let text else { return [:] }
    guard case .object(let members) = try argumentJSON(String(cString: text), source: "parameters") else {
        throw GymError.invalidArgument("parameters must be a JSON object of numbers, got \(String(cString: text))")
    }
    var values: [String: Double] = [:]
    for (name, value) in members {
        guard let x = value.doubleValue else { throw GymError.invalidArgument("parameter '\(name)' must be a number, got \(value)") }
        values[name] = x
    }
    return values
}

@_cdecl("sg_abi_version")
public func sg_abi_version() -> Int32 { 1 }

@_cdecl("sg_last_error")
public func sg_last_error() -> UnsafePointer<CChar> { LastError.current }

@_cdecl("sg_last_error_code")
public func sg_last_error_code() -> Int32 { LastError.code.rawValue }

@_cdecl("sg_free")
public func sg_free(_ text: UnsafeMutablePointer<CChar>?) { free(text) }

@_cdecl("sg_load_plugin")
public func sg_load_plugin(_ path: UnsafePointer<CChar>) -> Int32 {
    guarded(-1) {
        _ = registry
        try Plugins.load(String(cString: path))
        return 0
    }
}

@_cdecl("sg_load_plugin_isolated")
public func sg_load_plugin_isolated(_ path: UnsafePointer<CChar>, _ timeoutSeconds: Double) -> Int32 {
    guarded(-1) {
        _ = registry
        guard timeoutSeconds.isFinite, timeoutSeconds >= 0 else {
            throw GymError.invalidArgument("the plugin call timeout must be a positive number of seconds (0 for the default), got \(timeoutSeconds)")
        }
        let isolation = try PluginIsolation.locate(timeout: timeoutSeconds == 0 ? PluginIsolation.defaultTimeout : timeoutSeconds)
        try Plugins.load(String(cString: path), isolation: isolation)
        return 0
    }
}

@_cdecl("sg_ids")
public func sg_ids() -> UnsafeMutablePointer<CChar>? {
    registry.discover()
    // Single-agent environments only: the C ABI steps one agent (games whose players are all agents are not yet exported).
    let ids = registry.ids.filter { (try? registry.spec($0).isMultiAgent) != true }
    return owned(JSONValue.array(ids.map { .string($0) }).encoded())
}

@_cdecl("sg_describe")
public func sg_describe(_ id: UnsafePointer<CChar>, _ parameterText: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    guarded(nil) {
        let spec = try registry.spec(String(cString: id))
        let env = try registry.make(spec, overrides: try parameters(parameterText))
        let m = env.metadata
        var description: [String: JSONValue] = [
            "id": .string(spec.id), "title": .string(m.title), "description": .string(m.description), "kind": .string(m.kind),
            "stochastic": .bool(m.isStochastic), "observation_space": env.observationSpace.json, "action_space": env.actionSpace.json,
        ]
        description["max_episode_steps"] = m.maxEpisodeSteps.map { .number(Double($0)) } ?? .null
        description["reward_range"] = m.rewardRange.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null
        description["action_names"] = m.actionNames.map { .array($0.map { .string($0) }) } ?? .null
        description["discount"] = m.discount.map { .number($0) } ?? .null
        description["observation_dtype"] = .string(dtype(of: env.observationSpace))
        description["action_dtype"] = .string(dtype(of: env.actionSpace))
        if let model = (env as? ModelledEnvironment)?.knownModel { description["model"] = json(model) }
        description["render_modes"] = try renderModes(ofFresh: env)
        return owned(JSONValue.object(description).encoded())
    }
}

/// The numpy dtype of a space's elements as Gymnasium gives them.
private func dtype(of space: Space) -> String {
    switch space {
    case .box: return "float32"
    case .discrete, .multiDiscrete: return "int64"
    case .multiBinary: return "int8"
    }
}

/// A known tabular model: the state and action names, terminal flags, the start distribution, and each
/// outcome as [state, action, probability, next state, reward], in the model's order.
private func json(_ model: TabularModel) -> JSONValue {
    var transitions: [JSONValue] = []
    for s in 0..<model.stateCount {
        for a in 0..<model.actionCount {
            for k in model.outcomes(s, a) {
                transitions.append([.number(Double(s)), .number(Double(a)), .number(model.probabilities[k]),
                                    .number(Double(model.nextStates[k])), .number(model.rewards[k])])
            }
        }
    }
    return .object([
        "states": .array(model.stateNames.map { .string($0) }), "actions": .array(model.actionNames.map { .string($0) }),
        "terminal": .array(model.terminal.map { .bool($0) }),
        "start": .array(model.start.map { [.number(Double($0.state)), .number($0.probability)] }),
        "transitions": .array(transitions),
    ])
}

@_cdecl("sg_vector_create")
public func sg_vector_create(_ id: UnsafePointer<CChar>, _ parameterText: UnsafePointer<CChar>?, _ count: Int64, _ autoreset: Int32,
                             _ threads: Int32) -> OpaquePointer? {
    guarded(nil) {
        let modes: [AutoresetMode] = [.nextStep, .sameStep, .disabled]
        guard modes.indices.contains(Int(autoreset)) else {
            throw GymError.invalidArgument("autoreset mode must be 0 (next-step), 1 (same-step) or 2 (disabled), got \(autoreset)")
        }
        let spec = try registry.spec(String(cString: id))
        let overrides = try parameters(parameterText)
        var actionNames: [String]?
        let vector = try VectorEnvironment(count: Int(count), autoresetMode: modes[Int(autoreset)], threads: threads > 0 ? Int(threads) : nil) {
            let env = try registry.make(spec, overrides: overrides)
            actionNames = env.metadata.actionNames
            return env
        }
        return OpaquePointer(Unmanaged.passRetained(VectorHandle(vector, actionNames: actionNames)).toOpaque())
    }
}

func handle(_ pointer: OpaquePointer) -> VectorHandle {
    Unmanaged<VectorHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
}

@_cdecl("sg_vector_bind")
public func sg_vector_bind(_ vector: OpaquePointer, _ observations: UnsafeMutableRawPointer, _ rewards: UnsafeMutablePointer<Double>,
                           _ terminated: UnsafeMutablePointer<UInt8>, _ truncated: UnsafeMutablePointer<UInt8>,
                           _ finals: UnsafeMutableRawPointer?) -> Int32 {
    guarded(-1) {
        handle(vector).bind(observations: observations, rewards: rewards, terminated: terminated, truncated: truncated, finals: finals)
        return 0
    }
}

@_cdecl("sg_vector_reset")
public func sg_vector_reset(_ vector: OpaquePointer, _ seeds: UnsafePointer<UInt64>?, _ mask: UnsafePointer<UInt8>?,
                            _ optionText: UnsafePointer<CChar>?) -> Int32 {
    guarded(-1) {
        var options = ResetOptions.none
        if let optionText {
            guard case .object(let members) = try argumentJSON(String(cString: optionText), source: "reset options") else {
                throw GymError.invalidArgument("reset options must be a JSON object, got \(String(cString: optionText))")
            }
            options = ResetOptions(initialState: members["initial_state"], extra: members.filter { $0.key != "initial_state" })
        }
        try handle(vector).reset(seeds: seeds, mask: mask, options: options)
        return 0
    }
}

@_cdecl("sg_vector_step")
public func sg_vector_step(_ vector: OpaquePointer, _ actions: UnsafeRawPointer) -> Int32 {
    guarded(-1) {
        let vector = handle(vector)
        try vector.step(actions)
        return vector.vector.hasInfos ? 1 : 0
    }
}

@_cdecl("sg_vector_infos")
public func sg_vector_infos(_ vector: OpaquePointer) -> UnsafeMutablePointer<CChar>? {
    owned(JSONValue.array(handle(vector).vector.infos.map { .object($0) }).encoded())
}

@_cdecl("sg_vector_render")
public func sg_vector_render(_ vector: OpaquePointer, _ copy: Int64) -> UnsafeMutablePointer<CChar>? {
    guarded(nil) {
        let vector = handle(vector).vector
        guard copy >= 0 && copy < vector.count else { throw GymError.invalidArgument("the vector has copies 0..<\(vector.count), got \(copy)") }
        return owned(vector.render(copy: Int(copy)) ?? "")
    }
}

@_cdecl("sg_vector_has_infos")
public func sg_vector_has_infos(_ vector: OpaquePointer) -> Int32 { handle(vector).vector.hasInfos ? 1 : 0 }

@_cdecl("sg_vector_destroy")
public func sg_vector_destroy(_ vector: OpaquePointer?) {
    guard let vector else { return }
    Unmanaged<VectorHandle>.fromOpaque(UnsafeRawPointer(vector)).release()
}

// Games whose players are all agents (Specs/c-abi.md, "Games"): JSON in, JSON out.

@_cdecl("sg_game_ids")
public func sg_game_ids() -> UnsafeMutablePointer<CChar>? {
    registry.discover()
    let ids = registry.ids.filter { (try? registry.spec($0).isMultiAgent) == true }
    return owned(JSONValue.array(ids.map { .string($0) }).encoded())
}

@_cdecl("sg_game_create")
public func sg_game_create(_ id: UnsafePointer<CChar>, _ parameterText: UnsafePointer<CChar>?) -> OpaquePointer? {
    guarded(nil) {
        let spec = try registry.spec(String(cString: id))
        let overrides = try parameters(parameterText)
        let game = try registry.makeMultiAgent(spec, overrides: overrides)
        let modes = try renderModes(ofFresh: try registry.makeMultiAgent(spec, overrides: overrides))
        return OpaquePointer(Unmanaged.passRetained(GameHandle(game, id: spec.id, renderModes: modes)).toOpaque())
    }
}

func game(_ pointer: OpaquePointer) -> GameHandle {
    Unmanaged<GameHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
}

@_cdecl("sg_game_describe")
public func sg_game_describe(_ pointer: OpaquePointer) -> UnsafeMutablePointer<CChar>? {
    owned(game(pointer).description.encoded())
}

@_cdecl("sg_game_reset")
public func sg_game_reset(_ pointer: OpaquePointer, _ hasSeed: Int32, _ seed: UInt64) -> UnsafeMutablePointer<CChar>? {
    guarded(nil) { owned(try game(pointer).reset(seed: hasSeed != 0 ? seed : nil).encoded()) }
}

@_cdecl("sg_game_step")
public func sg_game_step(_ pointer: OpaquePointer, _ actions: UnsafePointer<CChar>) -> UnsafeMutablePointer<CChar>? {
    guarded(nil) { owned(try game(pointer).step(String(cString: actions)).encoded()) }
}

@_cdecl("sg_game_render")
public func sg_game_render(_ pointer: OpaquePointer) -> UnsafeMutablePointer<CChar>? {
    owned(game(pointer).game.render() ?? "")
}

@_cdecl("sg_game_destroy")
public func sg_game_destroy(_ pointer: OpaquePointer?) {
    guard let pointer else { return }
    Unmanaged<GameHandle>.fromOpaque(UnsafeRawPointer(pointer)).release()
}
