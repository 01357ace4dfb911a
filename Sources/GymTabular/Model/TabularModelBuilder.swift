/// Collects outcomes pair by pair into a `TabularModel`.
public struct TabularModelBuilder {
    public let stateCount: Int
    public let actionCount: Int
    private var rows: [[(p: Double, next: Int, reward: Double)]]

    public init(stateCount: Int, actionCount: Int) {
        self.stateCount = stateCount
        self.actionCount = actionCount
        rows = Array(repeating: [], count: stateCount * actionCount)
    }

    public mutating func add(_ state: Int, _ action: Int, probability: Double, next: Int, reward: Double) {
        rows[state * actionCount + action].append((probability, next, reward))
    }

    public func hasOutcomes(_ state: Int, _ action: Int) -> Bool { !rows[state * actionCount + action].isEmpty }

    public func outcomes(_ state: Int, _ action: Int) -> [(p: Double, next: Int, reward: Double)] { rows[state * actionCount + action] }

    /// The model; outcomes with zero probability are dropped, and terminal states' outcomes too.
    public func build(stateNames: [String], actionNames: [String], terminal: [Bool], start: [(state: Int, probability: Double)]) -> TabularModel {
        var offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        var probabilities: [Double] = [], nextStates: [Int] = [], rewards: [Double] = []
        for (pair, row) in rows.enumerated() {
            if !terminal[pair / actionCount] {
                for outcome in row where outcome.p > 0 {
                    probabilities.append(outcome.p)
                    nextStates.append(outcome.next)
                    rewards.append(outcome.reward)
                }
            }
            offsets.append(probabilities.count)
        }
        return TabularModel(stateNames: stateNames, actionNames: actionNames, terminal: terminal, start: start.filter { $0.probability > 0 },
                            offsets: offsets, probabilities: probabilities, nextStates: nextStates, rewards: rewards)
    }
}
