/// A one-dimensional corridor, the smallest useful test environment (written in Swift, registered as
/// `corridor-v0`).
///
/// - Observation: `Discrete(length)`, the agent's cell, 0 at the left end.
/// - Action: `Discrete(2)`: 0 = left, 1 = right. With probability `slip` the agent moves the other way.
///   Moving left from cell 0 stays in cell 0.
/// - Reward: -1 per step, and `goal_reward` on entering the rightmost cell.
/// - Start: cell 0, or the cell given as `ResetOptions.initialState` (an integer).
/// - Episode end: terminated on entering the rightmost cell; `make` truncates after 100 steps.
public final class Corridor: SelfEnforcingEnvironment {
    public static let title = "1-D corridor: walk right to the goal; -1 per step, slippery"
    public static let defaultParameters: [String: Double] = ["length": 6, "slip": 0.1, "goal_reward": 10]

    public let length: Int
    public let slip: Double
    public let goalReward: Double
    public let observationSpace: Space
    public let actionSpace: Space
    public private(set) var metadata: EnvironmentMetadata
    private var rng = RandomSource.entropySeeded()
    private var position = 0
    private var phase = EpisodePhase.needsReset
    private var clock = EpisodeClock()

    /// The time limit this environment applies itself (`SelfEnforcingEnvironment`); nil for none.
    public var episodeLimit: Int? {
        get { clock.limit }
        set { clock.setLimit(newValue, reportingIn: &metadata) }
    }

    public init(length: Int = 6, slip: Double = 0.1, goalReward: Double = 10) throws {
        guard length >= 2 else { throw GymError.invalidArgument("corridor length must be at least 2, got \(length)") }
        guard slip >= 0 && slip <= 1 else { throw GymError.invalidArgument("corridor slip must be in [0, 1], got \(slip)") }
        self.length = length
        self.slip = slip
        self.goalReward = goalReward
        observationSpace = .discrete(try Discrete(length))
        actionSpace = .discrete(try Discrete(2))
        metadata = EnvironmentMetadata(
            id: "corridor-v0", title: Corridor.title,
            description: "Cells 0..<length; start at 0; actions left/right, slipping to the opposite move with probability slip; "
                + "reward -1 per step plus goal_reward on reaching the right end, which terminates the episode.",
            maxEpisodeSteps: 100, rewardRange: -1...(goalReward - 1), actionNames: ["left", "right"],
            isStochastic: slip > 0, discount: 0.99, kind: "swift")
    }

    public convenience init(parameters: [String: Double]) throws {
        let p = Corridor.defaultParameters.merging(parameters) { $1 }
        guard let length = p["length"], length == length.rounded() else {
            throw GymError.invalidArgument("corridor length must be a whole number")
        }
        try self.init(length: Int(length), slip: p["slip"]!, goalReward: p["goal_reward"]!)
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        if let state = options.initialState {
            guard let cell = state.intValue, cell >= 0, cell < length - 1 else {
                throw GymError.invalidArgument("corridor-v0: initial state must be a non-terminal cell 0...\(length - 2), got \(state)")
            }
            position = cell
        } else {
            position = 0
        }
        phase = .running
        clock.start()
        return (.discrete(position), [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve("corridor-v0")
        return .discrete(position)
    }

    public func step(_ action: Action) throws -> Step {
        try phase.checkStep("corridor-v0")
        try actionSpace.validate(action)
        var direction = action.index! == 1 ? 1 : -1
        if slip > 0 && rng.bernoulli(slip) { direction = -direction }
        position = min(max(position + direction, 0), length - 1)
        let terminated = position == length - 1
        let step = Step(observation: .discrete(position), reward: -1 + (terminated ? goalReward : 0),
                        terminated: terminated, truncated: clock.tick() && !terminated)
        phase = .after(step)
        return step
    }

    public func render() -> String? {
        String((0..<length).map { $0 == position ? "A" : ($0 == length - 1 ? "G" : ".") })
    }
}
