/// Expected payoffs, best responses and exploitability, computed exactly on the payoff arrays.
extension NormalFormGame {
    /// What each of player `p`'s pure actions earns in expectation against the others' strategies in
    /// `profile` (the player's own strategy is ignored).
    public func actionValues(_ p: Int, against profile: StrategyProfile) -> [Double] {
        var values = [Double](repeating: 0, count: actions[p].count)
        actionValues(p, against: profile.strategies, into: &values)
        return values
    }

    /// ``actionValues(_:against:)`` into a caller-owned buffer (the learners' inner loop).
    public func actionValues(_ p: Int, against strategies: [[Double]], into values: inout [Double]) {
        for a in values.indices { values[a] = 0 }
        let payoff = payoffs[p]
        if playerCount == 2 {
            // Matrix times vector: rows are the first player's actions.
            let other = strategies[1 - p], rows = actions[0].count, columns = actions[1].count
            payoff.withUnsafeBufferPointer { m in
                other.withUnsafeBufferPointer { q in
                    values.withUnsafeMutableBufferPointer { v in
                        if p == 0 {
                            for r in 0..<rows {
                                var sum = 0.0
                                for c in 0..<columns { sum += m[r * columns + c] * q[c] }
                                v[r] = sum
                            }
                        } else {
                            for r in 0..<rows where q[r] != 0 {
                                let w = q[r]
                                for c in 0..<columns { v[c] += w * m[r * columns + c] }
                            }
                        }
                    }
                }
            }
            return
        }
        // n players: every pure profile, weighted by the others' probabilities.
        for i in 0..<profileCount {
            var weight = 1.0
            var own = 0
            for q in 0..<playerCount {
                let a = (i / strides[q]) % actions[q].count
                if q == p { own = a } else { weight *= strategies[q][a] }
                if weight == 0 { break }
            }
            if weight != 0 { values[own] += weight * payoff[i] }
        }
    }

    /// Each player's expected payoff under `profile`.
    public func expectedPayoffs(_ profile: StrategyProfile) -> [Double] {
        (0..<playerCount).map { p in zip(actionValues(p, against: profile), profile[p]).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    /// What each player would gain by switching to a best response while the others keep their
    /// strategies: the best action value minus the expected payoff, never below 0.
    public func bestResponseGains(_ profile: StrategyProfile) -> [Double] {
        (0..<playerCount).map { p in
            let values = actionValues(p, against: profile)
            let expected = zip(values, profile[p]).reduce(0) { $0 + $1.0 * $1.1 }
            return max(0, values.max()! - expected)
        }
    }

    /// NashConv: the sum over players of the best-response gain. Zero exactly at a Nash equilibrium.
    public func nashConv(_ profile: StrategyProfile) -> Double { bestResponseGains(profile).reduce(0, +) }

    /// NashConv divided by the number of players; for two-player zero-sum games this is OpenSpiel's
    /// exploitability, the average of what best responders could take from each player.
    public func exploitability(_ profile: StrategyProfile) -> Double { nashConv(profile) / Double(playerCount) }

    /// The indices of player `p`'s actions within `tolerance` of the best value against `profile`.
    public func bestResponses(_ p: Int, against profile: StrategyProfile, tolerance: Double = 1e-9) -> [Int] {
        let values = actionValues(p, against: profile)
        let best = values.max()!
        return values.indices.filter { values[$0] >= best - tolerance * max(1, abs(best)) }
    }
}
