import CGymPluginHost
import Foundation

/// One supervised `gym plugin-host` child running one plugin library: requests go out as frames, and
/// every way the child can fail to answer (a crash, an abort, an exit, an overrun, a hang) becomes a
/// `PluginError` naming the call. Once the child has ended, every later call throws
/// `.processEnded` with the first failure.
final class PluginProcess {
    enum Answer {
        case ok(WireReader)
        case failed(String)
    }

    let path: String
    let isolation: PluginIsolation
    private(set) var name: String?
    private(set) var version = ""
    private(set) var environmentIDs: [String] = []
    /// Why the child ended, once it has.
    private(set) var ending: PluginError?
    /// The widths of the last layout, for overrun messages.
    var observationWidth: Int?
    var actionWidth: Int?
    private let pid: pid_t
    private let socket: PluginSocket
    var writer = WireWriter()

    /// Starts the host on `path` and loads the library there (`hello`).
    /// - Throws: `PluginError` when the host cannot start, or the library does not load.
    init(path: String, isolation: PluginIsolation) throws {
        self.path = path
        self.isolation = isolation
        guard FileManager.default.fileExists(atPath: path) else { throw PluginError(path: path, reason: .noSuchFile) }
        var fds: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw PluginError(path: isolation.hostExecutable, reason: .hostUnavailable("socketpair failed: \(String(cString: strerror(errno)))"))
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 3)
        posix_spawn_file_actions_adddup2(&actions, 2, 1)  // a plugin's prints go to stderr, never into gym's output
        let arguments = [isolation.hostExecutable, "plugin-host", "--fd", "3", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        // The Swift runtime's crash backtracer would print pages for a plugin's abort(); the ending is reported instead.
        var environment: [UnsafeMutablePointer<CChar>?] = ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }
            .map { strdup("\($0.key)=\($0.value)") } + [strdup("SWIFT_BACKTRACE=enable=no"), nil]
        defer { for pointer in environment { free(pointer) } }
        // A process group of its own: the terminal's Ctrl-C goes to gym, which stops at a clean point, and
        // not to the plugin host, whose death would fail the step instead. The host ends when gym does
        // (its socket closes).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var child: pid_t = 0
        let spawned = posix_spawn(&child, isolation.hostExecutable, &actions, &attributes, &argv, &environment)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw PluginError(path: isolation.hostExecutable, reason: .hostUnavailable("cannot start it: \(String(cString: strerror(spawned)))"))
        }
        pid = child
        socket = PluginSocket(fd: fds[0])
        writer.start(PluginWire.Operation.hello.rawValue)
        switch try call(PluginCall("load")) {
        case .failed(let message): throw PluginError(path: path, reason: .hostRefused(message))
        case .ok(var reply):
            do {
                name = try reply.string()
                version = try reply.string()
                environmentIDs = try (0..<reply.u32()).map { _ in try reply.string() }
            } catch {
                throw fail(PluginError(path: path, reason: .hostUnavailable("its hello reply is malformed")))
            }
        }
    }

    deinit {
        close(socket.fd)
        if ending == nil { PluginProcess.reap(pid, within: 1) }
    }

    /// Sends the frame in `writer` and returns the reply.
    /// - Throws: `PluginError` for a process that ended or hung, during this call or before it.
    func call(_ call: PluginCall) throws -> Answer {
        if let ending { throw PluginError(path: path, name: name, reason: .processEnded(earlier: "\(ending)")) }
        do {
            try socket.send(writer.finish())
            let payload = try socket.receive(within: isolation.timeout)
            var reply = WireReader(payload)
            switch PluginWire.Reply(rawValue: try reply.byte()) {
            case .ok: return .ok(reply)
            case .failed: return .failed(try reply.string())
            case .fault:
                let kind = try reply.byte(), index = Int(try reply.u32())
                let buffer = kind == UInt8(GYM_GUARD_ACTION) ? "action" : "observation"
                PluginProcess.reap(pid, within: 1)
                throw fail(PluginError(path: path, name: name, reason: .crashed(call: call, ending: .overrun(
                    buffer: buffer, index: index, width: buffer == "action" ? actionWidth : observationWidth))))
            case nil:
                throw fail(PluginError(path: path, name: name, reason: .hostUnavailable("it answered \(call) with an unknown reply")))
            }
        } catch PluginSocket.Failure.timedOut {
            kill(pid, SIGKILL)
            PluginProcess.reap(pid, within: nil)
            throw fail(PluginError(path: path, name: name, reason: .timedOut(call: call, seconds: isolation.timeout)))
        } catch PluginSocket.Failure.closed {
            throw fail(PluginError(path: path, name: name, reason: .crashed(call: call, ending: PluginProcess.reap(pid, within: nil) ?? .signal(SIGKILL))))
        } catch let error as PluginError {
            throw error
        } catch {
            kill(pid, SIGKILL)
            PluginProcess.reap(pid, within: nil)
            throw fail(PluginError(path: path, name: name, reason: .hostUnavailable("its reply to \(call) is malformed")))
        }
    }

    private func fail(_ error: PluginError) -> PluginError {
        if ending == nil { ending = error }
        return error
    }

    /// Waits for the child (at most `seconds`, then kills it) and says how it ended.
    @discardableResult
    private static func reap(_ pid: pid_t, within seconds: Double?) -> PluginProcessEnding? {
        var status: Int32 = 0
        if let seconds {
            let deadline = Date().addingTimeInterval(seconds)
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Date() >= deadline {
                    kill(pid, SIGKILL)
                    _ = waitpid(pid, &status, 0)
                    break
                }
                usleep(1000)
            }
        } else {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        // The <sys/wait.h> macros, spelled out: the low 7 bits are the signal, the next byte the exit status.
        let signal = status & 0x7f
        if signal == 0 { return .exit((status >> 8) & 0xff) }
        if signal != 0x7f { return .signal(signal) }
        return nil
    }
}
