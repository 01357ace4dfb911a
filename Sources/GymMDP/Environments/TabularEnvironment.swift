import Gym
import GymPlanning

/// How a tabular environment presents its state.
public enum StateEncoding: Sendable, Equatable {
    /// `Discrete(stateCount)`: the state index.
    case index
    /// `Box(0, 1, [stateCount])`: a one-hot vector.
    case oneHot
    /// `MultiDiscrete([rows, columns])`: a grid cell's row and column (grids only).
    case coordinates(cells: [GridCell], rows: Int, columns: Int)
}

/// A row and column of a grid (0-based, row 0 on top).
public struct GridCell: Hashable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) { self.row = row; self.column = column }
}

/// An environment that samples a `TabularModel` (the tabular and grid kinds of the MDP format).
///
/// Random draws, in order: `reset` draws one `nextDouble()` when the start distribution has more
/// than one state; `step` draws one when the state-action pair has more than one outcome. Outcomes
/// are chosen by inverse CDF in the model's order. Entering a terminal state ends the episode with
/// `terminated`.
public final class TabularEnvironment: ModelledEnvironment, SelfEnforcingEnvironment, GridEnvironment, BatchSteppable {
    public let model: TabularModel
    public let observationSpace: Space
    public let actionSpace: Space
    public private(set) var metadata: EnvironmentMetadata
    public let encoding: StateEncoding
    /// The layout, for environments of the grid kind (used to render and to print maps).
    public let grid: GridLayout?
    var rng = RandomSource.entropySeeded()
    var state = 0
    var phase = EpisodePhase.needsReset
    var clock = EpisodeClock()
    private let isIndexEncoded: Bool
    /// `reset`'s info for each start state, made once (a reset then allocates nothing).
    private let startInfos: [Info]

    public var currentState: Int? { phase == .needsReset ? nil : state }
    public var knownModel: TabularModel? { model }

    public init(model: TabularModel, metadata: EnvironmentMetadata, encoding: StateEncoding = .index,
                grid: GridLayout? = nil) throws {
        self.model = model
        self.encoding = encoding
        isIndexEncoded = encoding == .index
        startInfos = model.start.map { ["state": .string(model.stateNames[$0.state])] }
        self.grid = grid
        switch encoding {
        case .index: observationSpace = .discrete(try Discrete(model.stateCount))
        case .oneHot: observationSpace = .box(try Box(low: 0, high: 1, shape: [model.stateCount]))
        case .coordinates(_, let rows, let columns): observationSpace = .multiDiscrete(try MultiDiscrete([rows, columns]))
        }
        actionSpace = .discrete(try Discrete(model.actionCount))
        var m = metadata
        m.actionNames = model.actionNames
        self.metadata = m
    }

    /// The observation of model state `s`.
    @inline(__always)
    public func observation(of s: Int) -> Observation {
        isIndexEncoded ? .discrete(s) : encodedObservation(of: s)  // the common case, without copying `encoding`
    }

    private func encodedObservation(of s: Int) -> Observation {
        switch encoding {
        case .index: return .discrete(s)
        case .oneHot:
            var v = [Float](repeating: 0, count: model.stateCount)
            v[s] = 1
            return .vector(v)
        case .coordinates(let cells, _, _): return .integers([cells[s].row, cells[s].column])
        }
    }

    var name: String { metadata.id ?? "tabular environment" }

    /// The time limit this environment applies itself (`SelfEnforcingEnvironment`); nil for none.
    public var episodeLimit: Int? {
        get { clock.limit }
        set { clock.setLimit(newValue, reportingIn: &metadata) }
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        let (first, info) = try start(options, using: &rng)
        state = first
        phase = .running
        clock.start()
        return (observation(of: state), info)
    }

    /// The first state of an episode and `reset`'s info: the requested initial state, or one drawn
    /// from the start distribution with `rng` (one draw when it has more than one state).
    func start(_ options: ResetOptions, using rng: inout RandomSource) throws -> (state: Int, info: Info) {
        if let requested = options.initialState {
            let s = try stateIndex(requested)
            return (s, ["state": .string(model.stateNames[s])])
        }
        let k = model.start.count == 1 ? 0 : rng.categorical(model.start.lazy.map(\.probability))
        return (model.start[k].state, startInfos[k])
    }

    /// `count` fresh lanes of this MDP with this environment's time limit (`BatchSteppable`).
    public func makeBatch(count: Int) throws -> EnvironmentBatch {
        let batch = try TabularBatch(self, count: count)
        batch.episodeLimit = episodeLimit
        return batch
    }

    /// Resolves an initial state given by name or index; terminal states are refused.
    private func stateIndex(_ value: JSONValue) throws -> Int {
        let index: Int?
        if let name = value.stringValue { index = model.stateNames.firstIndex(of: name) }
        else if let i = value.intValue, i >= 0, i < model.stateCount { index = i }
        else { index = nil }
        guard let index else {
            throw GymError.invalidArgument("\(name): initial state \(value) is not a state name or an index 0...\(model.stateCount - 1)")
        }
        guard !model.terminal[index] else {
            throw GymError.invalidArgument("\(name): initial state '\(model.stateNames[index])' is terminal")
        }
        return index
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(name)
        return observation(of: state)
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        // The checks of `EpisodePhase.checkStep` and `Space.validate`, spelled out for the common case;
        // anything else takes them for their precise errors.
        guard phase == .running, case .discrete(let a) = action, a >= 0, a < model.actionCount else {
            try phase.checkStep(name)
            try actionSpace.validate(action)
            preconditionFailure("unreachable: a valid action of a running episode")
        }
        let outcomes = model.outcomes(state, a)
        var k = outcomes.lowerBound
        if outcomes.count > 1 {
            k = outcomes.lowerBound + rng.categorical(model.probabilities[outcomes])
        }
        state = model.nextStates[k]
        let terminated = model.terminal[state]
        let truncated = clock.tick() && !terminated
        if terminated || truncated { phase = .ended }
        return Step(observation: observation(of: state), reward: model.rewards[k],
                    terminated: terminated, truncated: truncated)
    }

    public func render() -> String? {
        guard phase != .needsReset else { return nil }
        return text(of: state)
    }

    public func picture() -> Picture? {
        guard phase != .needsReset else { return nil }
        return picture(of: state)
    }

    /// The drawing of model state `s`: the grid with the agent, or the state graph.
    func picture(of s: Int) -> Picture { grid?.picture(agentAt: s) ?? model.picture(current: s) }

    /// The text picture of model state `s`: the grid with the agent, or the state's name.
    func text(of s: Int) -> String { grid?.text(agentAt: s) ?? "state \(model.stateNames[s])" }
}
