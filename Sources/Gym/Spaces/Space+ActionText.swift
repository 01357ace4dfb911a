/// Actions written by people as one word: an item of `gym rollout --actions`, a line of `gym play`, a
/// string given to Python's `step` (Specs/protocol.md, "Actions written as text").
extension Space {
    /// The action written as `token`. For a `Discrete` space (`names` are those of actions `start`,
    /// `start + 1`, ...): the action of that name when one has it, else the integer as the action itself.
    /// A name wins over an integer: with actions named "-5" ... "5" (Jack's car rental), "5" is the
    /// action named "5", not the sixth action. For the other spaces, a number (a box of one).
    /// Whether the action is in the space is `validate`'s business, not this function's.
    /// - Throws: `GymError.invalidAction` for a word that is neither a name nor an integer (with the
    ///   closest name), or not a number for the other spaces.
    public func action(fromText token: String, names: [String]?) throws -> Action {
        guard case .discrete(let d) = self else {
            return try action(fromJSON: Double(token).map(JSONValue.number) ?? .string(token), names: names)
        }
        if let k = names?.firstIndex(of: token) { return .discrete(d.start + k) }
        if let i = Double(token).flatMap({ JSONValue.number($0).intValue }) { return .discrete(i) }
        guard let names else { throw GymError.invalidAction("expected an integer action for \(self), got '\(token)'") }
        let close = suggestions(for: token, among: names, limit: 1).first.map { "did you mean '\($0)'? " } ?? ""
        throw GymError.invalidAction("unknown action name '\(token)'; \(close)the actions are \(names.joined(separator: ", "))")
    }
}
