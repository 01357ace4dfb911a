import Foundation

/// The last failure of a C call, per thread: its message (`sg_last_error`) and its code
/// (`sg_last_error_code`).
enum LastError {
    /// One thread's last failure; its thread dictionary holds it, and frees the text with it.
    private final class Record {
        let text: UnsafeMutablePointer<CChar>
        let code: ErrorCode

        init(_ error: Error) {
            text = strdup("\(error)")!
            code = ErrorCode(of: error)
        }

        deinit { free(text) }
    }

    private static let key = "swiftgym.last-error"
    private static let empty = UnsafePointer(strdup("")!)

    private static var record: Record? { Thread.current.threadDictionary[key] as? Record }

    /// This thread's message, as a C string that stays valid until this thread's next failure.
    static var current: UnsafePointer<CChar> { record.map { UnsafePointer($0.text) } ?? empty }

    /// This thread's code (`ErrorCode.none` before any failure).
    static var code: ErrorCode { record?.code ?? .none }

    /// Records `error` as this thread's last failure: its text and its code.
    static func set(_ error: Error) { Thread.current.threadDictionary[key] = Record(error) }
}
