import Glibc
import Gym

/// CartPole written by hand in Swift: the speed reference for the compiled `cartpole-v1` JSON MDP
/// (`gym bench`) and a cross-check of its equations (same constants, order of operations and draws).
/// Not registered; use `cartpole-v1`.
final class ReferenceCartPole: Environment {
    public let observationSpace: Space = .box(try! Box(low: [-4.8, -.infinity, -0.41887902047863906, -.infinity],
                                                        high: [4.8, .infinity, 0.41887902047863906, .infinity]))
    public let actionSpace: Space = .discrete(try! Discrete(2))
    public let metadata = EnvironmentMetadata(id: "cartpole-v1", title: "CartPole, hand-written reference", maxEpisodeSteps: 500,
                                              actionNames: ["left", "right"], isStochastic: true, discount: 0.99, kind: "swift")
    let gravity = 9.8, masscart = 1.0, masspole = 0.1, length = 0.5, forceMag = 10.0, tau = 0.02
    let thetaThreshold = 0.20943951023931953, xThreshold = 2.4
    public private(set) var state: (x: Double, xDot: Double, theta: Double, thetaDot: Double) = (0, 0, 0, 0)
    private var rng = RandomSource.entropySeeded()
    private var phase = EpisodePhase.needsReset

    init() {}

    private var last: [Float] = [0, 0, 0, 0]

    /// The state as Floats, in the array of the previous observation when no caller holds it any more
    /// (as the compiled `cartpole-v1` does), so that a step does not allocate.
    private var observation: Observation {
        var values = last
        last = []
        values[0] = Float(state.x); values[1] = Float(state.xDot); values[2] = Float(state.theta); values[3] = Float(state.thetaDot)
        last = values
        return .vector(values)
    }

    public func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) {
        if let seed { rng = RandomSource(seed: seed) }
        state = (rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05))
        phase = .running
        return (observation, [:])
    }

    public func observe() throws -> Observation {
        try phase.checkObserve("cartpole")
        return observation
    }

    @inline(__always)  // into the protocol witness, which otherwise copies the Step with a store-forwarding stall
    public func step(_ action: Action) throws -> Step {
        try phase.checkStep("cartpole")
        guard case .discrete(let a) = action, a == 0 || a == 1 else {
            throw GymError.invalidAction("invalid action \(action) for Discrete(2)")
        }
        let totalMass = masspole + masscart
        let polemassLength = masspole * length
        let force = a == 1 ? forceMag : -forceMag
        let costheta = cos(state.theta), sintheta = sin(state.theta)
        let temp = (force + polemassLength * state.thetaDot * state.thetaDot * sintheta) / totalMass
        let thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * costheta * costheta / totalMass))
        let xacc = temp - polemassLength * thetaacc * costheta / totalMass
        state = (state.x + tau * state.xDot, state.xDot + tau * xacc, state.theta + tau * state.thetaDot, state.thetaDot + tau * thetaacc)
        let terminated = state.x < -xThreshold || state.x > xThreshold || state.theta < -thetaThreshold || state.theta > thetaThreshold
        let step = Step(observation: observation, reward: 1, terminated: terminated, truncated: false)
        phase = .after(step)
        return step
    }
}
