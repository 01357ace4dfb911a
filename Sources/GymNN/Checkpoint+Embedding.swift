/// Several checkpoints in one file: each one's entries under a prefix of its own, so that the training
/// states of several agents (a self-play run's players) are written, and replaced, together.
extension Checkpoint {
    /// Adds every metadata entry and tensor of `other` with `prefix` before its name.
    ///
    /// ```swift
    /// var both = Checkpoint()
    /// both.embed(first, as: "player.a.")
    /// both.embed(second, as: "player.b.")
    /// let a = both.embedded("player.a.")   // first's entries again
    /// ```
    public mutating func embed(_ other: Checkpoint, as prefix: String) {
        for (key, value) in other.metadata { metadata[prefix + key] = value }
        for name in other.order { set(prefix + name, shape: other.tensors[name]!.shape, values: other.tensors[name]!.values) }
    }

    /// The entries that `embed(_:as:)` added with `prefix`, under their own names.
    public func embedded(_ prefix: String) -> Checkpoint {
        var inner = Checkpoint()
        for (key, value) in metadata where key.hasPrefix(prefix) { inner.metadata[String(key.dropFirst(prefix.count))] = value }
        for name in order where name.hasPrefix(prefix) {
            inner.set(String(name.dropFirst(prefix.count)), shape: tensors[name]!.shape, values: tensors[name]!.values)
        }
        return inner
    }
}
