import Gym
import GymNN

/// A ring buffer of transitions with flat Float observations, sampled uniformly.
///
/// Contract: holds the last `capacity` transitions added; `sample` draws `batchSize` indices
/// uniformly with replacement from those held, using the caller's generator, and writes them into
/// preallocated batch matrices (no allocation per sample once sized).
public final class ReplayBuffer {
    public let capacity: Int
    public let observationSize: Int
    public let actionSize: Int
    public private(set) var count = 0
    private var next = 0
    private var observations: [Float]
    private var nextObservations: [Float]
    private var actions: [Float]
    private var rewards: [Float]
    private var terminals: [Float]

    public init(capacity: Int, observationSize: Int, actionSize: Int = 1) {
        precondition(capacity > 0)
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
        observations = Array(repeating: 0, count: capacity * observationSize)
        nextObservations = Array(repeating: 0, count: capacity * observationSize)
        actions = Array(repeating: 0, count: capacity * actionSize)
        rewards = Array(repeating: 0, count: capacity)
        terminals = Array(repeating: 0, count: capacity)
    }

    /// Adds a transition, overwriting the oldest when full. `terminated` marks that the target must not bootstrap.
    public func add(observation: [Float], action: [Float], reward: Double, nextObservation: [Float], terminated: Bool) {
        precondition(observation.count == observationSize && nextObservation.count == observationSize && action.count == actionSize)
        for i in 0..<observationSize {
            observations[next * observationSize + i] = observation[i]
            nextObservations[next * observationSize + i] = nextObservation[i]
        }
        for i in 0..<actionSize { actions[next * actionSize + i] = action[i] }
        rewards[next] = Float(reward)
        terminals[next] = terminated ? 1 : 0
        next = (next + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// A sampled batch: row r of each matrix is one transition.
    public struct Batch {
        public var observations = Matrix(rows: 0, columns: 0)
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
        }
        for r in 0..<batchSize {
            let k = rng.nextInt(below: count)
            for i in 0..<observationSize {
                batch.observations.data[r * observationSize + i] = observations[k * observationSize + i]
                batch.nextObservations.data[r * observationSize + i] = nextObservations[k * observationSize + i]
            }
            for i in 0..<actionSize { batch.actions.data[r * actionSize + i] = actions[k * actionSize + i] }
            batch.rewards[r] = rewards[k]
            batch.terminals[r] = terminals[k]
        }
    }
}
