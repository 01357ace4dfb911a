import Foundation

/// The message of the last failure of a C call, per thread (`sg_last_error`).
enum LastError {
    private static let key = "swiftgym.last-error"
    private static let empty = UnsafePointer(strdup("")!)

    /// This thread's message, as a C string that stays valid until this thread's next failure.
    static var current: UnsafePointer<CChar> {
        if let text = Thread.current.threadDictionary[key] as? NSString { return text.utf8String! }
        return empty
    }

    static func set(_ message: String) { Thread.current.threadDictionary[key] = message as NSString }
}
