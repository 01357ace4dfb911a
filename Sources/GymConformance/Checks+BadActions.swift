import Gym

extension Checks {
    /// Actions that are not in `space`, with what is wrong with each.
    static func invalidActions(_ space: Space) -> [(Action, String)] {
        switch space {
        case .discrete(let d):
            return [(.discrete(d.start + d.n), "one past the last index"), (.discrete(d.start - 1), "one before the first index"),
                    (.continuous([Double(d.start)]), "a continuous action"), (.integers([d.start]), "an integer array")]
        case .box(let b):
            let inside = (0..<b.size).map { i in b.low[i].isFinite ? (b.high[i].isFinite ? (b.low[i] + b.high[i]) / 2 : b.low[i]) : (b.high[i].isFinite ? b.high[i] : 0) }
            var result: [(Action, String)] = []
            var nan = inside; nan[0] = .nan
            result.append((.continuous(nan), "NaN"))
            if b.high[0].isFinite {
                var over = inside; over[0] = b.high[0] + max(1, abs(b.high[0]))
                result.append((.continuous(over), "above the upper bound"))
                var infinite = inside; infinite[0] = .infinity
                result.append((.continuous(infinite), "infinity"))
            }
            if b.low[0].isFinite {
                var under = inside; under[0] = b.low[0] - max(1, abs(b.low[0]))
                result.append((.continuous(under), "below the lower bound"))
            }
            result.append((.continuous(inside + [0]), "one number too many"))
            result.append((.discrete(0), "a discrete action"))
            return result
        case .multiDiscrete(let m):
            return [(.integers(m.nvec), "every element one past its range"), (.integers(Array(m.nvec.dropLast())), "too short"),
                    (.discrete(0), "a discrete action")]
        case .multiBinary(let m):
            return [(.integers(Array(repeating: 2, count: m.n)), "a 2 among the bits"), (.integers([]), "empty"), (.discrete(0), "a discrete action")]
        }
    }

    static let badActions = ConformanceCheck(id: "api.bad-actions", summary: "actions out of range, of the wrong shape, NaN or infinite are rejected with GymError.invalidAction, leaving the state unchanged") { env, _, config in
        try env.reset(seed: config.seed, options: .none)
        for (action, what) in invalidActions(env.actionSpace) {
            let before = try env.observe()
            do {
                _ = try env.step(action)
                return .failed(BadActionsMessage.accepted(action, what))
            } catch GymError.invalidAction {
                let after = try env.observe()
                if after != before { return .failed(BadActionsMessage.changedState(action, what, before, after)) }
            } catch {
                return .failed(BadActionsMessage.threw(action, what, error))
            }
        }
        return .passed
    }
}

/// The verdicts of the bad-action check; `what` says how the action is invalid.
enum BadActionsMessage {
    static func accepted(_ action: Action, _ what: String) -> String { "the invalid action \(action) (\(what)) was accepted" }
    static func changedState(_ action: Action, _ what: String, _ before: Observation, _ after: Observation) -> String {
        "rejecting \(action) (\(what)) changed the observation from \(before) to \(after)"
    }
    static func threw(_ action: Action, _ what: String, _ error: Error) -> String {
        "the invalid action \(action) (\(what)) threw \(describe(error)), expected GymError.invalidAction"
    }
}
