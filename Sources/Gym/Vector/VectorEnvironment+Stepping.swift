/// Stepping every copy at once: the actions checked before anything moves, then the parts stepped on
/// the worker pool's threads.
extension VectorEnvironment {
    /// Steps every copy with its action (`actions[i]` for copy `i`).
    /// - Throws: `GymError.invalidArgument` for a wrong number of actions; `BatchActionError` for an action
    ///   outside the action space, before anything moves; `GymError.resetNeeded` for a copy that was never
    ///   reset (in every mode), or outside next-step mode for a copy whose episode ended; or an
    ///   environment's error.
    public func step(_ actions: [Action]) throws {
        guard actions.count == count else {
            throw GymError.invalidArgument("VectorEnvironment.step needs \(count) actions, got \(actions.count)")
        }
        if case .discrete = actionSpace, actions.allSatisfy({ $0.index != nil }) {
            for i in 0..<count { indexActions[i] = actions[i].index! }
            try indexActions.withUnsafeBufferPointer { try step(.indices($0.baseAddress!)) }
        } else if let box = actionSpace.box, actions.allSatisfy({ $0.values?.count == box.size }) {
            for i in 0..<count { for k in 0..<box.size { valueActions[i * box.size + k] = actions[i].values![k] } }
            try valueActions.withUnsafeBufferPointer { try step(.values($0.baseAddress!, width: box.size)) }
        } else {
            try actions.withUnsafeBufferPointer { try step(.general($0.baseAddress!)) }
        }
    }

    /// Steps every copy with its action read from caller-owned memory (`count` indices, or `count` rows of
    /// the box's size): the batched path without making `Action` values.
    /// - Throws: as `step(_:)`.
    public func step(_ actions: BatchActions) throws {
        try check(actions)
        for part in parts { part.actions = actions.dropping(part.start) }
        pool.run(UnsafeMutableRawPointer(partPointers)) { context, p in
            context!.assumingMemoryBound(to: Unmanaged<VectorPart>.self)[Int(p)]._withUnsafeGuaranteedRef { $0.step() }
        }
        for part in parts {
            if let error = part.error {
                for part in parts { part.error = nil }
                throw error
            }
        }
    }

    /// Refuses the step, before anything moves, for an action outside the space or a copy that needs a
    /// reset (outside next-step mode).
    private func check(_ actions: BatchActions) throws {
        if copiesNeverReset > 0, let i = wasReset.firstIndex(of: false) {
            throw GymError.resetNeeded("VectorEnvironment copy \(i) was never reset: call reset(seed:) (or reset(copy:)) before the first step")
        }
        // The common case in one pass, reading nothing the threads write: every action valid (copies
        // about to reset in next-step mode ignore theirs, but are checked too here).
        if case .discrete(let space) = actionSpace, case .indices(let p) = actions, autoresetMode == .nextStep {
            var valid = true
            for i in 0..<count { valid = valid && space.contains(p[i]) }
            if valid { return }
        }
        for part in parts {
            for lane in 0..<part.count {
                let i = part.start + lane
                if part.buffers.ended[lane] {
                    if autoresetMode == .nextStep { continue }  // reset by this step, its action ignored
                    throw GymError.resetNeeded("VectorEnvironment copy \(i) needs a reset: its episode ended, or it was never reset "
                        + "(autoreset \(autoresetMode.rawValue)); call reset(seed:) or reset(copy:)")
                }
                if let reason = actionSpace.rejection(ofLane: i, in: actions) {
                    throw BatchActionError(lane: i, action: "\(actions.action(i))", reason: reason, space: "\(actionSpace)")
                }
            }
        }
    }
}
