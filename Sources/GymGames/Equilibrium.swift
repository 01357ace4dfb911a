/// A Nash equilibrium: one strategy per player, and what each player earns under it.
public struct Equilibrium: Sendable, Equatable {
    public var profile: StrategyProfile
    /// Each player's expected payoff, in player order.
    public var values: [Double]

    public init(profile: StrategyProfile, values: [Double]) {
        self.profile = profile
        self.values = values
    }
}

/// What a solver found: the equilibria and how far they can be trusted.
public struct EquilibriumSet: Sendable, Equatable {
    public var equilibria: [Equilibrium]
    /// The game is degenerate (some strategy has more pure best responses than its support has
    /// actions), so equilibria may form continua that a list of points cannot show.
    public var degenerate: Bool
    /// Every equilibrium is listed. False for degenerate games under support enumeration.
    public var complete: Bool
    /// The game's value to the first player, for two-player zero-sum games.
    public var value: Double?
    /// How the equilibria were found ("linear program (GLPK exact simplex)", "support enumeration").
    public var method: String

    public init(equilibria: [Equilibrium], degenerate: Bool, complete: Bool, value: Double?, method: String) {
        self.equilibria = equilibria
        self.degenerate = degenerate
        self.complete = complete
        self.value = value
        self.method = method
    }
}
