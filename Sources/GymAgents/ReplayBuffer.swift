import Gym
import GymNN

/// A ring buffer of transitions with flat Float observations, sampled uniformly.
///
/// Contract: holds the last `capacity` transitions added; `sample` draws `batchSize` indices
/// uniformly with replacement from those held, using the caller's generator, and writes them into
/// preallocated batch matrices (no allocation per sample once sized). Observations are flattened
/// (`Space.flatten`) straight into the buffer, once each.
public final class ReplayBuffer {
    /// How actions are stored: as indices (DQN's discrete actions) or as vectors (DPG's continuous ones).
    public enum ActionForm: Equatable {
        case index
        case vector(size: Int)
    }

    public let capacity: Int
    public let observationSpace: Space
    public let observationSize: Int
    public let actionForm: ActionForm
    public internal(set) var count = 0
    var next = 0
    var observations: [Float]
    var nextObservations: [Float]
    var actionIndices: [Int]
    var actions: [Float]
    let actionSize: Int
    var rewards: [Float]
    var terminals: [Float]

    public init(capacity: Int, observationSpace: Space, actions actionForm: ActionForm) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.observationSpace = observationSpace
        observationSize = observationSpace.flatDimension
        self.actionForm = actionForm
        if case .vector(let size) = actionForm { actionSize = size } else { actionSize = 0 }
        observations = Array(repeating: 0, count: capacity * observationSize)
        nextObservations = Array(repeating: 0, count: capacity * observationSize)
        actionIndices = Array(repeating: 0, count: actionForm == .index ? capacity : 0)
        actions = Array(repeating: 0, count: capacity * actionSize)
        rewards = Array(repeating: 0, count: capacity)
        terminals = Array(repeating: 0, count: capacity)
    }

    /// Adds a transition with a discrete action, overwriting the oldest when full.
    public func add(_ transition: Transition, actionIndex: Int) {
        precondition(actionForm == .index)
        actionIndices[next] = actionIndex
        store(transition)
    }

    /// Adds a transition with a vector action (in whatever units the agent learns in), overwriting the oldest when full.
    public func add(_ transition: Transition, action: [Float]) {
        precondition(action.count == actionSize && actionForm != .index)
        for i in 0..<actionSize { actions[next * actionSize + i] = action[i] }
        store(transition)
    }

    /// Adds every copy's transition of one step of a vector of environments, overwriting the oldest when
    /// full: discrete actions from `step.actions` (`.index`), or `actionRows`, one row of `actionSize` per copy.
    public func add(_ step: VectorTransition, actionRows: [Float]? = nil) {
        precondition(actionForm == .index || actionRows?.count == step.rewards.count * actionSize)
        for i in 0..<step.rewards.count {
            if actionForm == .index { actionIndices[next] = step.actions.indices[i] }
            else { for k in 0..<actionSize { actions[next * actionSize + k] = actionRows![i * actionSize + k] } }
            for k in 0..<observationSize {
                observations[next * observationSize + k] = step.observations[i * observationSize + k]
                nextObservations[next * observationSize + k] = step.nextObservations[i * observationSize + k]
            }
            advance(reward: step.rewards[i], terminated: step.terminated[i])
        }
    }

    /// The observations, reward and termination of the transition; `terminated` marks that the target must not bootstrap.
    private func store(_ t: Transition) {
        observationSpace.flatten(t.observation, into: &observations, at: next * observationSize)
        observationSpace.flatten(t.nextObservation, into: &nextObservations, at: next * observationSize)
        advance(reward: t.reward, terminated: t.terminated)
    }

    /// Records the reward and termination of the slot whose observations were just written, and moves on.
    private func advance(reward: Double, terminated: Bool) {
        rewards[next] = Float(reward)
        terminals[next] = terminated ? 1 : 0
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// A sampled batch: row r of each matrix is one transition.
    public struct Batch {
        public var observations = Matrix(rows: 0, columns: 0)
        /// The actions of a buffer of `.index` actions.
        public var actionIndices: [Int] = []
        /// The actions of a buffer of `.vector` actions, one row each.
        public var actions = Matrix(rows: 0, columns: 0)
        public var rewards: [Float] = []
        public var nextObservations = Matrix(rows: 0, columns: 0)
        public var terminals: [Float] = []
        public init() {}
    }

    public func sample(_ batchSize: Int, into batch: inout Batch, using rng: inout RandomSource) {
        precondition(count > 0, "sampling an empty replay buffer")
        batch.observations.resize(rows: batchSize, columns: observationSize)
        batch.nextObservations.resize(rows: batchSize, columns: observationSize)
        batch.actions.resize(rows: batchSize, columns: actionSize)
        if batch.rewards.count != batchSize {
            batch.rewards = Array(repeating: 0, count: batchSize)
            batch.terminals = Array(repeating: 0, count: batchSize)
            batch.actionIndices = Array(repeating: 0, count: actionForm == .index ? batchSize : 0)
        }
        for r in 0..<batchSize {
            let k = rng.nextInt(below: count)
            for i in 0..<observationSize {
                batch.observations.data[r * observationSize + i] = observations[k * observationSize + i]
                batch.nextObservations.data[r * observationSize + i] = nextObservations[k * observationSize + i]
            }
            if actionForm == .index { batch.actionIndices[r] = actionIndices[k] }
            for i in 0..<actionSize { batch.actions.data[r * actionSize + i] = actions[k * actionSize + i] }
            batch.rewards[r] = rewards[k]
            batch.terminals[r] = terminals[k]
        }
    }
}
