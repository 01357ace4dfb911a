/// `key=value` items of a repeatable option (`--param`, `--set`), split at the first `=`;
/// neither side may be empty. `form` describes the item in the error (`name=number`).
func assignments(_ items: [String], form: String, what: String) throws -> [(key: String, value: String)] {
    try items.map { item in
        let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw AssignmentError(item: item, what: what, form: form) }
        return (parts[0], parts[1])
    }
}

/// An item of a `key=value` option that does not have that form.
struct AssignmentError: Error, CustomStringConvertible {
    var item: String
    /// "parameter override", "setting".
    var what: String
    var form: String
    var description: String { "\(what) '\(item)' must have the form \(form)" }
}
