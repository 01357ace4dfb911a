import Foundation

/// One end of the socket between `gym` and its plugin host: whole frames out, whole frames in, with
/// an optional deadline on reading.
final class PluginSocket {
    enum Failure: Error {
        /// The other end closed the socket (the host ended) before a whole frame arrived.
        case closed
        /// No whole frame arrived before the deadline.
        case timedOut
        /// A frame announced more than `PluginWire.maximumFrame` bytes.
        case oversized(Int)
    }

    let fd: Int32
    private var pending: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(fd: Int32) { self.fd = fd }

    /// Sends a whole frame; a closed peer is `.closed` (never SIGPIPE).
    func send(_ frame: [UInt8]) throws {
        var sent = 0
        while sent < frame.count {
            let n = frame.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, frame.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure.closed }
            sent += n
        }
    }

    /// The next frame's payload. With `seconds`, waits at most that long in all.
    func receive(within seconds: Double? = nil) throws -> [UInt8] {
        let deadline = seconds.map { DispatchTime.now().uptimeNanoseconds + UInt64(max(0, $0) * 1e9) }
        while true {
            if pending.count >= 4 {
                let length = Int(pending[0]) | Int(pending[1]) << 8 | Int(pending[2]) << 16 | Int(pending[3]) << 24
                guard length <= PluginWire.maximumFrame else { throw Failure.oversized(length) }
                if pending.count >= 4 + length {
                    let payload = Array(pending[4 ..< 4 + length])
                    pending.removeFirst(4 + length)
                    return payload
                }
            }
            // A reply usually comes within microseconds: try for it before sleeping in poll, whose wake-up
            // doubles the cost of a round trip on this machine (10 k against 20 k steps a second).
            if deadline != nil, spinBeforePolling(), pending.count >= 4 { continue }
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { throw Failure.timedOut }
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, Int32(min(Int(Int32.max), Int((deadline - now + 999_999) / 1_000_000))))
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw Failure.closed }
            pending.append(contentsOf: chunk[0..<n])
        }
    }

    /// Reads whatever arrives within 50 µs without blocking; true when something did.
    private func spinBeforePolling() -> Bool {
        let end = DispatchTime.now().uptimeNanoseconds + 50_000
        while DispatchTime.now().uptimeNanoseconds < end {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, Int32(MSG_DONTWAIT)) }
            if n > 0 {
                pending.append(contentsOf: chunk[0..<n])
                return true
            }
            if n == 0 { return false }
        }
        return false
    }
}
