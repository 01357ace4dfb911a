/// The candidates closest to `id` (an environment id, a setting, an action name), best first: those
/// within a third of its length in edits (at least 2), or those that contain it or are contained in it.
public func suggestions(for id: String, among ids: [String], limit: Int = 3) -> [String] {
    let needle = id.lowercased()
    let scored = ids.map { candidate -> (String, Int) in
        let hay = candidate.lowercased()
        let distance = editDistance(needle, hay)
        let related = hay.contains(needle) || needle.contains(hay.split(separator: "-v").first.map(String.init) ?? hay)
        return (candidate, related ? min(distance, 1) : distance)
    }
    let threshold = max(2, needle.count / 3)
    return scored.filter { $0.1 <= threshold }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
}
