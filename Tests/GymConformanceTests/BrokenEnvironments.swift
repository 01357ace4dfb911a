import Gym
import GymMDP
import GymTabular

/// The rule a broken test environment breaks (one each).
enum Bug: CaseIterable {
    case none
    case observationOutsideSpace, reseedIgnored, globalGenerator, stepAfterTerminalAllowed, stepBeforeResetAllowed,
         outOfRangeActionAccepted, timeLimitIgnored, probabilitiesDiffer, rewardDiffersFromModel, observeMutatesState,
         bothFlags, initialDistributionWrong, terminalDoesNotEnd, randomnessUndeclared, pictureMutatesState
    // Bugs of the continuous environment.
    case nanActionAccepted, actionSilentlyClipped, nonFiniteReward
}

/// A generator shared by every instance: what the `globalGenerator` bug draws from.
nonisolated(unsafe) var sharedGenerator = RandomSource(seed: 0)

/// A small stochastic chain with a known model, correct unless given a bug.
///
/// States 0, 1, 2 and terminal 3; start 0 (p 0.6) or 1 (p 0.4). Action `stay`: from 0 stays (reward
/// -0.1); from 1 and 2 stays with p 0.7 or steps back with p 0.3 (reward -0.1). Action `forward`: moves
/// up with p 0.8 (reward 1 on reaching 3, else 0) or stays with p 0.2 (reward -0.1).
final class ProbeChain: ModelledEnvironment {
    let bug: Bug
    let observationSpace: Space = .discrete(try! Discrete(4))
    let actionSpace: Space = .discrete(try! Discrete(2))
    let metadata: EnvironmentMetadata
    let knownModel: TabularModel?
    private var rng = RandomSource.entropySeeded()
    private var state = 0
    private var phase = EpisodePhase.needsReset
    private var seededOnce = false

    static let model: TabularModel = {
        var builder = TabularModelBuilder(stateCount: 4, actionCount: 2)
        builder.add(0, 0, probability: 1, next: 0, reward: -0.1)
        for s in 1...2 {
            builder.add(s, 0, probability: 0.7, next: s, reward: -0.1)
            builder.add(s, 0, probability: 0.3, next: s - 1, reward: -0.1)
        }
        for s in 0...2 {
            builder.add(s, 1, probability: 0.8, next: s + 1, reward: s + 1 == 3 ? 1 : 0)
            builder.add(s, 1, probability: 0.2, next: s, reward: -0.1)
        }
        return builder.build(stateNames: ["s0", "s1", "s2", "end"], actionNames: ["stay", "forward"],
                             terminal: [false, false, false, true], start: [(0, 0.6), (1, 0.4)])
    }()

    init(_ bug: Bug = .none) {
        self.bug = bug
        knownModel = ProbeChain.model
        metadata = EnvironmentMetadata(id: "probe-chain-v0", maxEpisodeSteps: bug == .timeLimitIgnored ? 1 : nil, actionNames: ["stay", "forward"],
                                       isStochastic: bug != .randomnessUndeclared, kind: "test")
    }

    var currentState: Int? { phase == .needsReset ? nil : state }

    private func uniform() -> Double { bug == .globalGenerator ? sharedGenerator.nextDouble() : rng.nextDouble() }

    private func observation() -> Observation { .discrete(bug == .observationOutsideSpace && state == 2 ? 7 : state) }

    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed, !(bug == .reseedIgnored && seededOnce) {
            if bug == .globalGenerator { sharedGenerator = RandomSource(seed: seed) } else { rng = RandomSource(seed: seed) }
            seededOnce = true
        }
        if let initial = options.initialState {
            guard let name = initial.stringValue, let s = ProbeChain.model.stateNames.firstIndex(of: name), s < 3 else {
                throw GymError.invalidArgument("probe chain: no such non-terminal state \(initial)")
            }
            state = s
        } else {
            state = uniform() < (bug == .initialDistributionWrong ? 0.9 : 0.6) ? 0 : 1
        }
        phase = .running
        return (observation(), [:])
    }

    /// The state as a row of four cells with the current one filled.
    func picture() -> Picture? {
        if bug == .pictureMutatesState { _ = rng.next() }
        var picture = Picture(width: 80, height: 20)
        for s in 0..<4 {
            picture.shapes.append(PictureShape(.rect(x: Double(s) * 20, y: 0, width: 20, height: 20), fill: s == state ? .black : .white, stroke: .black))
        }
        return picture
    }

    func observe() throws -> Observation {
        if bug != .stepBeforeResetAllowed { try phase.checkObserve("probe chain") }
        if bug == .observeMutatesState { _ = rng.next() }
        return observation()
    }

    func step(_ action: Action) throws -> Step {
        if !(bug == .stepBeforeResetAllowed && phase == .needsReset) {
            if !(bug == .stepAfterTerminalAllowed && phase == .ended) { try phase.checkStep("probe chain") }
        }
        guard case .discrete(let a) = action, a >= 0, a < (bug == .outOfRangeActionAccepted ? 3 : 2) else {
            throw GymError.invalidAction("probe chain: invalid action \(action)")
        }
        var reward = -0.1
        let from = state
        if state == 3 {
            // Only reachable when a bug lets an episode continue past the terminal state.
        } else if a >= 1 {
            if uniform() < (bug == .probabilitiesDiffer ? 0.6 : 0.8) {
                state += 1
                reward = state == 3 ? 1 : 0
            }
        } else if state > 0, uniform() < 0.3 {
            state -= 1
        }
        if bug == .rewardDiffersFromModel && a == 0 && from == 0 { reward = -0.2 }
        let terminal = state == 3 && bug != .terminalDoesNotEnd
        let step = Step(observation: observation(), reward: reward, terminated: terminal, truncated: terminal && bug == .bothFlags)
        phase = .after(step)
        return step
    }
}

/// A one-dimensional deterministic system with a continuous action in [-1, 1], correct unless given a bug.
final class ProbeLine: Environment {
    let bug: Bug
    let observationSpace: Space = .box(try! Box(low: -10, high: 10, shape: [1]))
    let actionSpace: Space = .box(try! Box(low: -1, high: 1, shape: [1]))
    let metadata = EnvironmentMetadata(id: "probe-line-v0", isStochastic: true, kind: "test")
    private var x = 0.0
    private var rng = RandomSource.entropySeeded()
    private var phase = EpisodePhase.needsReset

    init(_ bug: Bug = .none) { self.bug = bug }

    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        x = rng.uniform(-1, 1)
        phase = .running
        return (.vector([Float(x)]), [:])
    }

    func observe() throws -> Observation {
        try phase.checkObserve("probe line")
        return .vector([Float(x)])
    }

    func step(_ action: Action) throws -> Step {
        try phase.checkStep("probe line")
        guard case .continuous(let v) = action, v.count == 1 else { throw GymError.invalidAction("probe line: expected one number") }
        var u = v[0]
        switch bug {
        case .nanActionAccepted where u.isNaN: u = 0
        case .actionSilentlyClipped: u = min(max(u, -1), 1)
        default: try actionSpace.validate(action)
        }
        if u.isNaN { u = 0 }
        x = min(max(0.9 * x + u + 0.1 * rng.nextNormal(), -10), 10)
        let reward = bug == .nonFiniteReward && x > 0.5 ? Double.nan : -abs(x)
        let step = Step(observation: .vector([Float(x)]), reward: reward, terminated: abs(x) > 9, truncated: false)
        phase = .after(step)
        return step
    }
}
