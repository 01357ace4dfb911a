import CGymMath
import Gym
import GymExpressions

/// Lanes of one dynamics MDP stepped together (`EnvironmentBatch`): the compiled programs run one
/// instruction at a time over every lane's registers (`BatchRegisters`).
///
/// Lane `i` is bit-identical to a `DynamicsEnvironment` with the same seed and actions: the same
/// programs on the same values, draws from its own generator in the same order, the same sine and
/// cosine. A reset runs lane by lane (the initial-state program on the lane's own registers); a step
/// runs over the registers.
final class DynamicsBatch: EnvironmentBatch {
    let model: DynamicsModel
    let name: String
    let count: Int
    let observationSpace: Space
    let actionSpace: Space
    var episodeLimit: Int?

    let registers: BatchRegisters
    let rngs: UnsafeMutablePointer<RandomSource>
    /// Steps since each lane's reset.
    let elapsed: UnsafeMutablePointer<Int>
    /// The registers whose values a lane carries from one call to the next: the state, the observation's
    /// sources, and what the initial-state and observation programs read of the step's values (a lane's
    /// lets and time are those of its last step until it steps again, as in a `DynamicsEnvironment`).
    /// The rest are constants, which never change, and temporaries, written before they are read.
    private let preserved: UnsafeMutableBufferPointer<Int>
    /// The preserved registers of skipped lanes, kept while the step program runs over every lane.
    private let kept: UnsafeMutablePointer<Double>
    /// `model.observationSources`, out of the array.
    private let sources: UnsafeMutablePointer<Int>
    /// The model's layout, out of the model (whose arrays other threads' batches share).
    private let observationCount: Int
    private let actionWidth: Int
    private let actionBase: Int
    private let timeRegister: Int
    private let rewardRegister: Int
    private let terminatedRegister: Int
    /// The model's programs, copied for this registers.
    private let initCode: ProgramCode
    private let stepCode: ProgramCode
    private let observationCode: ProgramCode

    init(model: DynamicsModel, name: String, count: Int, observationSpace: Space, actionSpace: Space) throws {
        guard count >= 1 else { throw GymError.invalidArgument("a batch needs at least one lane, got \(count)") }
        self.model = model
        self.name = name
        self.count = count
        self.observationSpace = observationSpace
        self.actionSpace = actionSpace
        registers = BatchRegisters(lanes: count, initial: model.initialRegisters)
        rngs = .allocate(capacity: count)
        for i in 0..<count { (rngs + i).initialize(to: .entropySeeded()) }
        elapsed = .allocate(capacity: count)
        elapsed.initialize(repeating: 0, count: count)
        sources = .allocate(capacity: model.observationCount)
        sources.initialize(from: model.observationSources, count: model.observationCount)
        observationCount = model.observationCount
        actionWidth = model.continuousActions?.names.count ?? 1
        actionBase = model.actionBase
        timeRegister = model.timeRegister
        rewardRegister = model.rewardRegister
        terminatedRegister = model.terminatedRegister
        initCode = ProgramCode(model.initProgram)
        stepCode = ProgramCode(model.stepProgram)
        observationCode = ProgramCode(model.observationProgram)
        let fixed = model.observationBase + model.observationCount  // the registers before the compiler's own
        let carried = Set(0..<model.stateCount).union(model.observationSources)
            .union(initCode.reads.union(observationCode.reads).filter { $0 < fixed })
        preserved = .allocate(capacity: carried.count)
        _ = preserved.initialize(from: carried.sorted())
        kept = .allocate(capacity: count * carried.count)
        kept.initialize(repeating: 0, count: count * carried.count)
    }

    deinit {
        registers.deallocate()
        rngs.deallocate()
        elapsed.deallocate()
        preserved.deallocate()
        kept.deallocate()
        sources.deallocate()
        initCode.deallocate()
        stepCode.deallocate()
        observationCode.deallocate()
    }

    /// Lane `lane`'s state variables.
    private func state(_ lane: Int) -> [Double] { (0..<model.stateCount).map { registers.row($0)[lane] } }

    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info {
        if let seed { rngs[lane] = RandomSource(seed: seed) }
        let carried = UnsafeBufferPointer(preserved)
        registers.gather(lane, carried)
        if let initial = options.initialState {
            let values = try model.initialState(initial, environment: name)
            for i in 0..<values.count { registers.lane[i] = values[i] }
        } else {
            initCode.run(registers.lane, &rngs[lane])
        }
        if !observationCode.isEmpty { observationCode.run(registers.lane, &rngs[lane]) }
        registers.scatter(lane, carried)
        elapsed[lane] = 0
        for k in 0..<observationCount {
            let x = registers.lane[sources[k]]
            guard model.admits(x, asObservation: k) else { throw observationError(k, x, lane, step: 0) }
            observation[k] = Float(x)
        }
        return [:]
    }

    private func observationError(_ k: Int, _ x: Double, _ lane: Int, step: Int) -> DynamicsEvaluationError {
        DynamicsEvaluationError(environment: name, quantity: .observation(index: k, expression: model.observationExpressions[k], low: model.observationLow[k], high: model.observationHigh[k]),
                                value: x, step: step, state: state(lane))
    }

    func step(_ actions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws {
        let n = count, carried = preserved.count
        var skipped = 0
        for i in 0..<n where skip[i] { skipped += 1 }
        if skipped > 0 {
            for i in 0..<n where skip[i] { for (j, r) in preserved.enumerated() { kept[i * carried + j] = registers.row(r)[i] } }
        }
        writeActions(actions)
        let time = registers.row(timeRegister)
        for i in 0..<n { time[i] = Double(elapsed[i]) }
        stepCode.run(registers, rngs, skip: skipped > 0 ? skip : nil)
        if !observationCode.isEmpty { observationCode.run(registers, rngs, skip: nil) }
        if skipped > 0 {
            for i in 0..<n where skip[i] { for (j, r) in preserved.enumerated() { registers.row(r)[i] = kept[i * carried + j] } }
        }
        let reward = registers.row(rewardRegister), terminated = registers.row(terminatedRegister)
        let width = observationCount, limit = episodeLimit ?? Int.max
        // Every value finite is the common case, checked over the whole batch at once; skipped lanes
        // count too, and the slow path looks at stepped lanes only.
        var finite = gym_lanes_finite(reward, n) != 0
        for k in 0..<width where finite { finite = gym_lanes_finite(registers.row(sources[k]), n) != 0 }
        if !finite { try checkValues(skip) }
        // Every lane's row: a skipped lane's sources hold its last observation again, which its row holds.
        for k in 0..<width { gym_lanes_store_float(output.observations + k, width, registers.row(sources[k]), n) }
        for i in 0..<n where !skip[i] {
            elapsed[i] += 1
            let ended = terminated[i] != 0
            output.rewards[i] = reward[i]
            output.terminated[i] = ended
            output.truncated[i] = elapsed[i] >= limit && !ended
        }
    }

    /// Throws for the first lane whose reward is not finite or whose observation the space cannot hold.
    private func checkValues(_ skip: UnsafePointer<Bool>) throws {
        let reward = registers.row(rewardRegister)
        for i in 0..<count where !skip[i] {
            guard reward[i].isFinite else {
                throw DynamicsEvaluationError(environment: name, quantity: .reward, value: reward[i], step: elapsed[i] + 1, state: state(i))
            }
            for k in 0..<observationCount {
                let x = registers.row(sources[k])[i]
                guard model.admits(x, asObservation: k) else { throw observationError(k, x, i, step: elapsed[i] + 1) }
            }
        }
    }

    /// Writes every lane's action into its action registers (skipped lanes' actions too: they are not
    /// checked, but their registers are restored).
    private func writeActions(_ actions: BatchActions) {
        switch actions {
        case .indices(let p):
            let row = registers.row(actionBase)
            for i in 0..<count { row[i] = Double(p[i]) }
        case .values(let p, let width):
            for k in 0..<min(width, actionWidth) {
                let row = registers.row(actionBase + k)
                for i in 0..<count { row[i] = p[i * width + k] }
            }
        case .general(let p):
            for i in 0..<count {
                switch p[i] {
                case .discrete(let a): registers.row(actionBase)[i] = Double(a)
                case .continuous(let v): for k in 0..<min(v.count, actionWidth) { registers.row(actionBase + k)[i] = v[k] }
                case .integers: break
                }
            }
        }
    }

    func render(lane: Int) -> String? { model.text(of: state(lane)) }
    func picture(lane: Int) -> Picture? { model.picture(of: state(lane)) }

    /// Read from the observation's source registers, which every call preserves.
    func observation(lane: Int) -> Observation { .vector((0..<observationCount).map { Float(registers.row(sources[$0])[lane]) }) }
}
