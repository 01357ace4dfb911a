import CGymPlugin
import Gym

/// The plugin calls, as requests to the host: one instance's create, describe, reset and destroy, and
/// one step of any number of instances in a single round trip.
extension PluginProcess {
    /// Creates an instance of `environmentID`, reads its description and lays out its buffers.
    /// - Throws: `PluginError` (`.cannotCreate`, `.badDescription`, or the process failing).
    func create(_ environmentID: String, configuration: [String: Double]) throws -> (instance: UInt32, description: PluginDescription) {
        let plugin = name ?? path
        writer.start(PluginWire.Operation.create.rawValue)
        writer.string(environmentID)
        writer.string(JSONValue.object(configuration.mapValues { .number($0) }).encoded())
        let instance: UInt32
        switch try call(PluginCall("create", environment: environmentID)) {
        case .failed(let message): throw PluginError(path: path, name: name, reason: .cannotCreate(environment: environmentID, message: message))
        case .ok(var reply): instance = try decoding("create") { try reply.u32() }
        }
        writer.start(PluginWire.Operation.describe.rawValue)
        writer.u32(instance)
        guard case .ok(var reply) = try call(PluginCall("describe", environment: environmentID)) else {
            throw PluginError(path: path, name: name, reason: .hostUnavailable("describe failed in the host"))
        }
        let (present, text) = try decoding("describe") { (try reply.byte(), try reply.string()) }
        let description: PluginDescription
        do {
            description = try PluginDescription(text: present == 0 ? nil : text, plugin: plugin, path: path, environmentID: environmentID)
        } catch {
            try? destroy(instance, environmentID: environmentID)
            throw error
        }
        observationWidth = PluginValues.width(description.observationSpace)
        actionWidth = PluginValues.width(description.actionSpace)
        writer.start(PluginWire.Operation.layout.rawValue)
        writer.u32(instance)
        writer.u32(UInt32(observationWidth!))
        writer.u32(UInt32(actionWidth!))
        if case .failed(let message) = try call(PluginCall("layout", environment: environmentID)) {
            throw PluginError(path: path, name: name, reason: .hostUnavailable(message))
        }
        return (instance, description)
    }

    /// Resets `instance`, writing its first observation into `observation`; the plugin's status and message.
    func reset(_ instance: UInt32, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Double>, width: Int,
               call: PluginCall) throws -> (status: GymStatus, message: String) {
        writer.start(PluginWire.Operation.reset.rawValue)
        writer.u32(instance)
        writer.u64(seed ?? 0)
        writer.byte(seed == nil ? 0 : 1)
        writer.string(PluginReplay.encoded(options))
        guard case .ok(var reply) = try self.call(call) else {
            throw PluginError(path: path, name: name, reason: .hostUnavailable("reset failed in the host"))
        }
        return try decoding("reset") {
            let status = GymStatus(rawValue: try reply.u32()), message = try reply.string()
            try reply.doubles(into: observation, count: width)
            return (status, message)
        }
    }

    /// One lane's answer to a step.
    struct StepAnswer {
        var status: GymStatus
        var message: String
        var reward: Double
        var terminated: Bool
        var truncated: Bool
    }

    /// Steps `instances[k]` with the `actionWidth` values at `actions + k * actionWidth`, in one round
    /// trip, writing each lane's observation at `observations + k * observationWidth`.
    func step(_ instances: [UInt32], actions: UnsafePointer<Double>, observations: UnsafeMutablePointer<Double>,
              call: PluginCall, answer: (Int, StepAnswer) -> Void) throws {
        let actionWidth = actionWidth ?? 0, observationWidth = observationWidth ?? 0
        writer.start(PluginWire.Operation.step.rawValue)
        writer.u32(UInt32(instances.count))
        for (k, instance) in instances.enumerated() {
            writer.u32(instance)
            writer.doubles(actions + k * actionWidth, count: actionWidth)
        }
        guard case .ok(var reply) = try self.call(call) else {
            throw PluginError(path: path, name: name, reason: .hostUnavailable("step failed in the host"))
        }
        try decoding("step") {
            guard try reply.u32() == instances.count else { throw WireReader.Truncated() }
            for k in instances.indices {
                let lane = StepAnswer(status: GymStatus(rawValue: try reply.u32()), message: try reply.string(), reward: try reply.double(),
                                      terminated: try reply.byte() != 0, truncated: try reply.byte() != 0)
                try reply.doubles(into: observations + k * observationWidth, count: observationWidth)
                answer(k, lane)
            }
        }
    }

    /// Destroys `instance`.
    func destroy(_ instance: UInt32, environmentID: String) throws {
        writer.start(PluginWire.Operation.destroy.rawValue)
        writer.u32(instance)
        _ = try call(PluginCall("destroy", environment: environmentID))
    }

    /// Runs `body` on a reply, turning a short or malformed one into a host error.
    private func decoding<T>(_ call: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            throw PluginError(path: path, name: name, reason: .hostUnavailable("its reply to \(call) is malformed"))
        }
    }
}
