/// A finite MDP with a known model: states, actions, and for every state-action pair a list of
/// outcomes (probability, next state, reward). Terminal states are absorbing and end episodes.
///
/// Outcomes are stored contiguously (compressed rows): those of pair `(s, a)` are at indices
/// `offsets[s * actionCount + a] ..< offsets[s * actionCount + a + 1]` of `probabilities`,
/// `nextStates` and `rewards`. Terminal states have no outcomes.
public struct TabularModel: Sendable {
    public let stateNames: [String]
    public let actionNames: [String]
    public let terminal: [Bool]
    /// The initial-state distribution as (state, probability) pairs with positive probabilities.
    public let start: [(state: Int, probability: Double)]
    public let offsets: [Int]
    public let probabilities: [Double]
    public let nextStates: [Int]
    public let rewards: [Double]

    public var stateCount: Int { stateNames.count }
    public var actionCount: Int { actionNames.count }

    public init(stateNames: [String], actionNames: [String], terminal: [Bool], start: [(state: Int, probability: Double)],
                offsets: [Int], probabilities: [Double], nextStates: [Int], rewards: [Double]) {
        precondition(offsets.count == stateNames.count * actionNames.count + 1)
        self.stateNames = stateNames
        self.actionNames = actionNames
        self.terminal = terminal
        self.start = start
        self.offsets = offsets
        self.probabilities = probabilities
        self.nextStates = nextStates
        self.rewards = rewards
    }

    /// The outcome indices of `(state, action)`.
    @inline(__always)
    public func outcomes(_ state: Int, _ action: Int) -> Range<Int> {
        let pair = state * actionNames.count + action
        return offsets[pair]..<offsets[pair + 1]
    }

    /// The expected immediate reward of `(state, action)`.
    public func expectedReward(_ state: Int, _ action: Int) -> Double {
        outcomes(state, action).reduce(0) { $0 + probabilities[$1] * rewards[$1] }
    }

    /// States reachable from the start distribution under some sequence of actions.
    public func reachableStates() -> Set<Int> {
        var seen = Set(start.map(\.state))
        var frontier = Array(seen)
        while let s = frontier.popLast() {
            guard !terminal[s] else { continue }
            for a in 0..<actionCount {
                for k in outcomes(s, a) where probabilities[k] > 0 && seen.insert(nextStates[k]).inserted {
                    frontier.append(nextStates[k])
                }
            }
        }
        return seen
    }
}
