/// A JSON file that could not be read as text, before any parsing.
public struct JSONFileError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// The file does not exist or cannot be opened.
        case unreadable
        /// The bytes are not UTF-8 text.
        case notUTF8
    }

    /// The file's path.
    public var file: String
    public var reason: Reason

    public init(file: String, reason: Reason) {
        self.file = file
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .unreadable: return "\(file): cannot read the file (does it exist?)"
        case .notUTF8: return "\(file): the file is not UTF-8 text"
        }
    }
}
