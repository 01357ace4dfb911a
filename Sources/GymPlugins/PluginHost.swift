import CGymPlugin
import CGymPluginHost
import Foundation

/// The child side of plugin isolation: `gym plugin-host --fd N LIBRARY` loads one plugin library and
/// answers `PluginWire` requests on the socket until it closes.
///
/// Each instance's observation and action values live in guarded buffers (`gym_guarded_doubles`), so
/// that an overrun is reported as one; any other fault, an abort or an exit simply ends this process,
/// and the supervising `PluginProcess` names it.
public enum PluginHost {
    /// Serves requests on `fd` for the library at `path`; returns the exit status (0 once the socket closes).
    public static func serve(library path: String, fd: Int32) -> Int32 {
        guard gym_install_fault_reporter(fd) == 0 else { return 70 }
        let socket = PluginSocket(fd: fd)
        let server = PluginServer(path: path)
        while true {
            guard let request = try? socket.receive() else { return 0 }
            guard (try? socket.send(server.answer(request))) != nil else { return 0 }
        }
    }
}

/// One plugin library's instances in the host process, and the answer to each request.
final class PluginServer {
    private struct Instance {
        let env: OpaquePointer
        var observation: UnsafeMutablePointer<Double>?
        var action: UnsafeMutablePointer<Double>?
        var observationWidth = 0
        var actionWidth = 0
    }

    private let path: String
    private var library: PluginLibrary?
    private var instances: [UInt32: Instance] = [:]
    private var nextInstance: UInt32 = 1
    private var error = [CChar](repeating: 0, count: 1024)
    private var reply = WireWriter()

    init(path: String) { self.path = path }

    func answer(_ payload: [UInt8]) -> [UInt8] {
        var request = WireReader(payload)
        do {
            guard let operation = PluginWire.Operation(rawValue: try request.byte()) else { return failed("unknown operation") }
            if operation == .hello { return try hello() }
            guard let table = library?.table.pointee else { return failed("hello must come first") }
            switch operation {
            case .hello: return failed("unreachable")
            case .create: return try create(table, &request)
            case .describe: return try describe(table, &request)
            case .layout: return try layout(&request)
            case .reset: return try reset(table, &request)
            case .step: return try step(table, &request)
            case .destroy: return try destroy(table, &request)
            }
        } catch {
            return failed("malformed request")
        }
    }

    private func failed(_ message: String) -> [UInt8] {
        reply.start(PluginWire.Reply.failed.rawValue)
        reply.string(message)
        return reply.finish()
    }

    private func hello() throws -> [UInt8] {
        do {
            let loaded = try library ?? PluginLibrary(path: path)
            library = loaded
            reply.start(PluginWire.Reply.ok.rawValue)
            reply.string(loaded.name)
            reply.string(loaded.version)
            reply.u32(UInt32(loaded.environmentIDs.count))
            for id in loaded.environmentIDs { reply.string(id) }
            return reply.finish()
        } catch {
            return failed("\(error)")
        }
    }

    private func instance(_ request: inout WireReader) throws -> (UInt32, Instance) {
        let id = try request.u32()
        guard let found = instances[id] else { throw WireReader.Truncated() }
        return (id, found)
    }

    /// The plugin's message: the error buffer up to its first NUL, whether or not the plugin wrote one.
    private func message() -> String {
        error.withUnsafeBufferPointer { buffer in
            let end = buffer.firstIndex(of: 0) ?? buffer.count
            return String(decoding: buffer[0..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    private func clearError() { error.withUnsafeMutableBytes { _ = memset($0.baseAddress!, 0, $0.count) } }

    private func create(_ table: GymPluginV1, _ request: inout WireReader) throws -> [UInt8] {
        let environment = try request.string(), configuration = try request.string()
        clearError()
        guard let env = table.create(environment, configuration, &error, error.count - 1) else { return failed(message()) }
        let id = nextInstance
        nextInstance += 1
        instances[id] = Instance(env: env)
        reply.start(PluginWire.Reply.ok.rawValue)
        reply.u32(id)
        return reply.finish()
    }

    private func describe(_ table: GymPluginV1, _ request: inout WireReader) throws -> [UInt8] {
        let (_, instance) = try instance(&request)
        let text = table.describe(instance.env)
        reply.start(PluginWire.Reply.ok.rawValue)
        reply.byte(text == nil ? 0 : 1)
        reply.string(text.map { String(cString: $0) } ?? "")
        return reply.finish()
    }

    private func layout(_ request: inout WireReader) throws -> [UInt8] {
        var (id, instance) = try instance(&request)
        let observationWidth = Int(try request.u32()), actionWidth = Int(try request.u32())
        guard let observation = gym_guarded_doubles(observationWidth, Int32(GYM_GUARD_OBSERVATION)),
              let action = gym_guarded_doubles(actionWidth, Int32(GYM_GUARD_ACTION)) else {
            return failed("the plugin host cannot map buffers of \(observationWidth) and \(actionWidth) values")
        }
        instance.observation = observation
        instance.action = action
        instance.observationWidth = observationWidth
        instance.actionWidth = actionWidth
        instances[id] = instance
        reply.start(PluginWire.Reply.ok.rawValue)
        return reply.finish()
    }

    private func reset(_ table: GymPluginV1, _ request: inout WireReader) throws -> [UInt8] {
        let (_, instance) = try instance(&request)
        let seed = try request.u64(), hasSeed = try request.byte(), options = try request.string()
        guard let observation = instance.observation else { return failed("reset before layout") }
        clearError()
        let status = table.reset(instance.env, seed, Int32(hasSeed), options, observation, &error, error.count - 1)
        reply.start(PluginWire.Reply.ok.rawValue)
        reply.u32(status.rawValue)
        reply.string(status == GYM_OK ? "" : message())
        reply.doubles(observation, count: instance.observationWidth)
        return reply.finish()
    }

    private func step(_ table: GymPluginV1, _ request: inout WireReader) throws -> [UInt8] {
        let lanes = Int(try request.u32())
        reply.start(PluginWire.Reply.ok.rawValue)
        reply.u32(UInt32(lanes))
        for _ in 0..<lanes {
            let (_, instance) = try instance(&request)
            guard let observation = instance.observation, let action = instance.action else { return failed("step before layout") }
            try request.doubles(into: action, count: instance.actionWidth)
            var reward = 0.0
            var terminated: Int32 = 0, truncated: Int32 = 0
            clearError()
            let status = table.step(instance.env, action, observation, &reward, &terminated, &truncated, &error, error.count - 1)
            reply.u32(status.rawValue)
            reply.string(status == GYM_OK ? "" : message())
            reply.double(reward)
            reply.byte(terminated != 0 ? 1 : 0)
            reply.byte(truncated != 0 ? 1 : 0)
            reply.doubles(observation, count: instance.observationWidth)
        }
        return reply.finish()
    }

    private func destroy(_ table: GymPluginV1, _ request: inout WireReader) throws -> [UInt8] {
        let (id, instance) = try instance(&request)
        instances[id] = nil
        table.destroy(instance.env)
        gym_guarded_release(instance.observation, instance.observationWidth)
        gym_guarded_release(instance.action, instance.actionWidth)
        reply.start(PluginWire.Reply.ok.rawValue)
        return reply.finish()
    }
}
