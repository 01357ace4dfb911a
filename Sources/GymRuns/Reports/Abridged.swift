/// Long lists in text output, cut to what a person reads.
public enum Abridged {
    /// The first `limit` items and `… N more`, or every item when `all` or when cutting would hide only one.
    public static func list(_ items: [String], limit: Int, all: Bool = false, separator: String = ", ") -> String {
        guard cuts(items.count, limit: limit, all: all) else { return items.joined(separator: separator) }
        return (items.prefix(limit) + ["… \(items.count - limit) more"]).joined(separator: separator)
    }

    /// Whether `list` would cut `count` items.
    public static func cuts(_ count: Int, limit: Int, all: Bool = false) -> Bool { !all && count > limit + 1 }
}
