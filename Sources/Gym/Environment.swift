/// The result of one `Environment.step`.
public struct Step: Sendable, Equatable {
    /// The observation after the action, an element of the observation space.
    public var observation: Observation
    /// The reward for the transition; always finite.
    public var reward: Double
    /// The MDP reached a terminal state: no further reward can follow, and bootstrapping must stop.
    public var terminated: Bool
    /// The episode was cut short from outside the MDP (a time limit): the state is not terminal, and
    /// value targets should still bootstrap from `observation`.
    public var truncated: Bool
    public var info: Info

    public init(observation: Observation, reward: Double, terminated: Bool, truncated: Bool, info: Info = Info()) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
        self.info = info
    }

    /// The episode is over: `reset` must be called before the next `step`.
    public var isLast: Bool { terminated || truncated }
}

/// Options for `Environment.reset`.
public struct ResetOptions: Sendable, Equatable {
    /// Start from this state instead of drawing one from the initial-state distribution. Its form is
    /// the environment's: a state name or index for tabular MDPs, an array in the order of the state
    /// variables for dynamics MDPs. An environment that cannot honour it throws `GymError.invalidArgument`.
    public var initialState: JSONValue?
    /// Further environment-specific options.
    public var extra: [String: JSONValue]

    public init(initialState: JSONValue? = nil, extra: [String: JSONValue] = [:]) {
        self.initialState = initialState
        self.extra = extra
    }

    public static let none = ResetOptions()
}

/// Static facts about an environment that tools and agents may rely on.
public struct EnvironmentMetadata: Sendable, Equatable {
    /// The registry id (`name-vN`), when the environment came from the registry.
    public var id: String?
    /// A one-line summary for listings.
    public var title: String
    /// The documentation: observation, action, reward, start state, episode end.
    public var description: String
    /// The number of steps after which `make` truncates an episode, if any.
    public var maxEpisodeSteps: Int?
    /// Bounds on any single reward, when known.
    public var rewardRange: ClosedRange<Double>?
    /// Names of the discrete actions, in index order (`["left", "right"]`), when the action space is `Discrete`.
    public var actionNames: [String]?
    /// True when the environment draws random numbers (transitions, start states, opponents). A
    /// deterministic environment gives the same trajectory for every seed.
    public var isStochastic: Bool
    /// The discount a solver or agent should use by default.
    public var discount: Double?
    /// What kind of environment this is: "swift", "tabular", "grid", "matrix-game", "dynamics", "plugin"...
    public var kind: String

    public init(id: String? = nil, title: String = "", description: String = "", maxEpisodeSteps: Int? = nil,
                rewardRange: ClosedRange<Double>? = nil, actionNames: [String]? = nil, isStochastic: Bool = true,
                discount: Double? = nil, kind: String = "swift") {
        self.id = id
        self.title = title
        self.description = description
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardRange = rewardRange
        self.actionNames = actionNames
        self.isStochastic = isStochastic
        self.discount = discount
        self.kind = kind
    }
}

/// A reinforcement-learning environment: a Markov decision process stepped one action at a time.
///
/// The protocol is class-bound and non-generic so that JSON MDPs, Swift environments, plugins and
/// wrappers are interchangeable at run time behind `any Environment`.
///
/// Call order: `reset` first; then `step` until a step returns `terminated` or `truncated`; then
/// `reset` again. `observe` may be called at any time after the first `reset`.
///
/// An environment must:
/// - return observations that are elements of `observationSpace`, finite rewards, and never both
///   `terminated` and `truncated` from the MDP itself (`truncated` is for time limits);
/// - throw `GymError.invalidAction` for an action outside `actionSpace` (wrong kind, out of range,
///   wrong length, NaN, infinite where bounded) and leave its state unchanged, never clip silently;
/// - throw `GymError.resetNeeded` when stepped before the first `reset` and `GymError.episodeEnded`
///   when stepped after the episode ended;
/// - draw every random number from its own generator, reseeded by `reset(seed:)`: the same seed and
///   the same actions give a bit-identical trajectory on every machine and in every build mode;
/// - never crash, print, or read global mutable state.
///
/// One instance is used by one thread at a time.
///
/// ```swift
/// let env = try Registry.shared.make("corridor-v0")
/// var (observation, _) = try env.reset(seed: 42)
/// var rng = RandomSource(seed: 7)
/// while true {
///     let step = try env.step(env.actionSpace.sampleAction(using: &rng))
///     observation = step.observation
///     if step.terminated || step.truncated { break }   // then reset before stepping again
/// }
/// ```
public protocol Environment: AnyObject {
    /// The space every observation belongs to. Constant for the environment's lifetime.
    var observationSpace: Space { get }
    /// The space of valid actions. Constant for the environment's lifetime.
    var actionSpace: Space { get }
    /// Static facts: id, documentation, time limit, action names, whether it is stochastic.
    var metadata: EnvironmentMetadata { get }

    /// Starts a new episode and returns its first observation.
    ///
    /// - Parameters:
    ///   - seed: reseeds the environment's generator; the episode that follows, and every later
    ///     episode started with `seed: nil`, is then fixed by the seed and the actions taken. With
    ///     `nil` the generator continues (the first `reset` without a seed seeds from entropy).
    ///   - options: `initialState` chooses the start state instead of drawing it.
    /// - Throws: `GymError.invalidArgument` for options the environment cannot honour.
    @discardableResult
    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info)

    /// The current observation, without stepping and without drawing random numbers: equal to the
    /// observation last returned by `reset` or `step`.
    /// - Throws: `GymError.resetNeeded` before the first `reset`.
    func observe() throws -> Observation

    /// Applies one action and returns the resulting observation, reward and episode flags.
    /// - Throws: `GymError.invalidAction`, `GymError.resetNeeded`, `GymError.episodeEnded` (state unchanged).
    func step(_ action: Action) throws -> Step

    /// A text picture of the current state for terminals (`gym play`), or nil where there is none.
    func render() -> String?

    /// A drawing of the current state (the cart and pole, the grid with the agent, the payoff table),
    /// or nil where the environment has none. Drawing changes no state and draws no random numbers.
    func picture() -> Picture?
}

extension Environment {
    public func render() -> String? { nil }
    public func picture() -> Picture? { nil }

    /// `reset(seed: seed, options: .none)`.
    @discardableResult
    public func reset(seed: UInt64? = nil) throws -> (observation: Observation, info: Info) {
        try reset(seed: seed, options: .none)
    }

    /// The innermost environment under any wrappers.
    public var unwrapped: Environment {
        var env: Environment = self
        while let wrapper = env as? Wrapper { env = wrapper.inner }
        return env
    }
}
