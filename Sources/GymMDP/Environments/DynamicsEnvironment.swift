import Gym

/// A continuous MDP whose dynamics are compiled expressions (the `dynamics` kind).
///
/// The state is a vector of Doubles; the observation is the observation expressions evaluated on it and
/// rounded to Float. A step evaluates, in order: the `let` bindings (seeing the old state), the `next`
/// equations (all seeing the old state), then `reward`, `terminated` and the observation (seeing the new
/// state and the lets). Random draws happen in that order, left to right within an expression, and only
/// in the branch of `?:`, `&&` or `||` that is evaluated; `reset` draws the initial state variable by
/// variable in declaration order. No step allocates except the observation array.
public final class DynamicsEnvironment: SelfEnforcingEnvironment, StateReporting, BatchSteppable {
    public let model: DynamicsModel
    public let observationSpace: Space
    public let actionSpace: Space
    public private(set) var metadata: EnvironmentMetadata
    /// The register file (state, actions, lets, outputs, constants, temporaries), owned by this instance.
    let registers: UnsafeMutablePointer<Double>
    var rng = RandomSource.entropySeeded()
    var t = 0
    var phase = EpisodePhase.needsReset
    var clock = EpisodeClock()
    var lastObservation: Observation = .vector([])

    public init(model: DynamicsModel, metadata: EnvironmentMetadata) throws {
        self.model = model
        self.metadata = metadata
        registers = .allocate(capacity: model.initialRegisters.count)
        registers.initialize(from: model.initialRegisters, count: model.initialRegisters.count)
        observationSpace = .box(try Box(low: model.observationLow, high: model.observationHigh))
        if let continuous = model.continuousActions {
            actionSpace = .box(try Box(low: continuous.low, high: continuous.high))
        } else {
            actionSpace = .discrete(try Discrete(model.discreteActions!.count))
        }
    }

    deinit { registers.deallocate() }

    var name: String { metadata.id ?? "dynamics environment" }

    /// The time limit this environment applies itself (`SelfEnforcingEnvironment`); nil for none.
    public var episodeLimit: Int? {
        get { clock.limit }
        set { clock.setLimit(newValue, reportingIn: &metadata) }
    }

    /// The current state, in the order of the file's `state` list.
    public var state: [Double] { Array(UnsafeBufferPointer(start: registers, count: model.stateCount)) }

    /// `state` (`StateReporting`).
    public var stateValues: [Double] { state }

    /// Evaluates the observation program on the current state. The previous observation's array is reused
    /// when no caller holds it any more (the usual case in a training loop), so a step does not allocate.
    func observation() throws -> Observation {
        if !model.observationProgram.instructions.isEmpty { model.observationProgram.run(registers, &rng) }
        var values: [Float] = []
        if case .vector(let previous) = lastObservation, previous.count == model.observationCount {
            values = previous
            lastObservation = .discrete(0)  // drop this environment's reference: `values` may now be unique
        } else {
            values = [Float](repeating: 0, count: model.observationCount)
        }
        for i in 0..<model.observationCount {
            let x = registers[model.observationSources[i]]
            guard model.admits(x, asObservation: i) else {
                throw DynamicsEvaluationError(environment: name, quantity: .observation(index: i, expression: model.observationExpressions[i], low: model.observationLow[i], high: model.observationHigh[i]),
                                              value: x, step: t, state: state)
            }
            values[i] = Float(x)  // copies on write if a caller still holds the previous observation
        }
        return .vector(values)
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        if let initial = options.initialState {
            let values = try model.initialState(initial, environment: name)
            for i in 0..<values.count { registers[i] = values[i] }
        } else {
            model.initProgram.run(registers, &rng)
        }
        t = 0
        lastObservation = try observation()
        phase = .running
        clock.start()
        return (lastObservation, [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve(name)
        return lastObservation
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        try phase.checkStep(name)
        try actionSpace.validate(action)
        switch action {
        case .discrete(let i): registers[model.actionBase] = Double(i)
        case .continuous(let v): for k in 0..<v.count { registers[model.actionBase + k] = v[k] }
        case .integers: break
        }
        registers[model.timeRegister] = Double(t)
        var generator = rng  // a local copy: no exclusivity check per draw
        model.stepProgram.run(registers, &generator)
        rng = generator
        t += 1
        let reward = registers[model.rewardRegister]
        guard reward.isFinite else {
            throw DynamicsEvaluationError(environment: name, quantity: .reward, value: reward, step: t, state: state)
        }
        lastObservation = try observation()
        let terminated = registers[model.terminatedRegister] != 0
        let step = Step(observation: lastObservation, reward: reward, terminated: terminated, truncated: clock.tick() && !terminated)
        phase = .after(step)
        return step
    }

    /// `count` fresh lanes of this MDP with this environment's time limit (`BatchSteppable`).
    public func makeBatch(count: Int) throws -> EnvironmentBatch {
        let batch = try DynamicsBatch(model: model, name: name, count: count, observationSpace: observationSpace, actionSpace: actionSpace)
        batch.episodeLimit = episodeLimit
        return batch
    }

    public func render() -> String? {
        guard phase != .needsReset else { return nil }
        return model.text(of: state)
    }

    public func picture() -> Picture? {
        guard phase != .needsReset else { return nil }
        return model.picture(of: state)
    }
}
