/// A vector's snapshot: each copy's, in its environment's own format (`SnapshottingEnvironment`), so
/// that an interrupted run on a vector continues exactly where it stopped (`gym train --resume`).
extension VectorEnvironment {
    /// Every copy's state, under `copy.I.` keys (copy `I`'s environment's snapshot, its episode phase
    /// saying whether it needs a reset), and `copies`; nil when the copies' environment cannot save its
    /// state (plugins, environments that are not `SnapshottingEnvironment`).
    ///
    /// A vector restored from it (`restore(_:)`) steps, copy for copy, exactly as this one would: the same
    /// observations, rewards, flags and random draws. What the last call returned (rewards, flags, infos,
    /// final observations) is not part of it.
    ///
    /// ```swift
    /// let saved = vector.snapshot()!
    /// try vector.step(actions)        // rewards r
    /// try vector.restore(saved)
    /// try vector.step(actions)        // rewards r again
    /// ```
    public func snapshot() -> EnvironmentSnapshot? {
        var snapshot = EnvironmentSnapshot(entries: ["copies": String(count)])
        for i in 0..<count {
            let part = self.part(of: i)
            guard let copy = part.snapshot(lane: i - part.start) else { return nil }
            for (key, value) in copy.entries { snapshot.entries["copy.\(i).\(key)"] = value }
        }
        return snapshot
    }

    /// Puts back what `snapshot()` wrote for a vector of as many copies of the same environment (any
    /// threads, any autoreset mode). Afterwards each row holds its copy's observation with reward 0, both
    /// flags false and no info; a copy whose episode had ended needs a reset (next-step mode: resets on its
    /// next step).
    /// - Throws: `GymError.invalidArgument` for a snapshot of another number of copies, or naming the copy
    ///   and the entry that is missing or does not fit; copies before that one are already restored.
    public func restore(_ snapshot: EnvironmentSnapshot) throws {
        guard snapshot.entries["copies"] == String(count) else {
            throw GymError.invalidArgument("the snapshot is of \(snapshot.entries["copies"] ?? "no") copies, this vector has \(count)")
        }
        var copies = [EnvironmentSnapshot](repeating: EnvironmentSnapshot(), count: count)
        for (key, value) in snapshot.entries where key.hasPrefix("copy.") {
            let rest = key.dropFirst(5)
            guard let dot = rest.firstIndex(of: "."), let i = Int(rest[..<dot]), i >= 0, i < count else {
                throw GymError.invalidArgument("the snapshot's entry '\(key)' is not of a copy 0..<\(count)")
            }
            copies[i].entries[String(rest[rest.index(after: dot)...])] = value
        }
        for i in 0..<count {
            let part = self.part(of: i)
            do { try part.restore(lane: i - part.start, copies[i]) } catch GymError.invalidArgument(let why) {
                throw GymError.invalidArgument("copy \(i): \(why)")
            }
            markReset(i)
        }
    }
}
