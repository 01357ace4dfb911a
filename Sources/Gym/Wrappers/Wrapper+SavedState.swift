/// A stack of wrappers saved as a whole: the innermost environment's snapshot, with each layer's own
/// entries under its prefix (`Wrapper.ownState()`).
extension Wrapper {
    /// This layer's prefix: `stateKey`, numbered when layers of the same key lie below it (`time-limit#2`).
    var statePrefix: String {
        var below = 0, layer = inner
        while let wrapper = layer as? Wrapper {
            if wrapper.stateKey == stateKey { below += 1 }
            layer = wrapper.inner
        }
        return below == 0 ? stateKey : "\(stateKey)#\(below + 1)"
    }

    /// The inner environment's saved state with this layer's entries added; nil when either cannot be saved.
    func stackState() -> EnvironmentSnapshot? {
        guard var whole = inner.savedState(), let own = ownState() else { return nil }
        let prefix = statePrefix
        for (key, value) in own.entries { whole.entries["\(prefix).\(key)"] = value }
        return whole
    }

    /// Puts back what `stackState()` wrote: the inner environment first, then this layer.
    /// - Throws: the inner environment's error, or this layer's, naming the layer's prefix.
    func restoreStack(_ snapshot: EnvironmentSnapshot) throws {
        try inner.restoreState(snapshot)
        let prefix = statePrefix
        var own = EnvironmentSnapshot()
        for (key, value) in snapshot.entries where key.hasPrefix(prefix + ".") { own.entries[String(key.dropFirst(prefix.count + 1))] = value }
        do {
            try restoreOwnState(own, whole: snapshot)
        } catch GymError.invalidArgument(let message) {
            throw GymError.invalidArgument("the \(type(of: self)) layer's state ('\(prefix).' entries): \(message)")
        }
    }
}
