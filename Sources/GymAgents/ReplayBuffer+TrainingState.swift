import GymNN

/// The buffer's contents and ring position, for training checkpoints (`ResumableAgent`).
extension ReplayBuffer {
    func save(into checkpoint: inout Checkpoint, as name: String) {
        checkpoint.set("\(name).position", ints: [count, next])
        checkpoint.set("\(name).observations", shape: [observations.count], values: observations)
        checkpoint.set("\(name).next_observations", shape: [nextObservations.count], values: nextObservations)
        checkpoint.set("\(name).action_indices", ints: actionIndices)
        checkpoint.set("\(name).actions", shape: [actions.count], values: actions)
        checkpoint.set("\(name).rewards", shape: [rewards.count], values: rewards)
        checkpoint.set("\(name).terminals", shape: [terminals.count], values: terminals)
    }

    func restore(from checkpoint: Checkpoint, as name: String) throws {
        let position = try checkpoint.ints("\(name).position", count: 2)
        guard position[0] >= 0, position[0] <= capacity, position[1] >= 0, position[1] < capacity else {
            throw CheckpointError.mismatch("the replay buffer's position \(position) does not fit its capacity \(capacity)")
        }
        observations = try checkpoint.values("\(name).observations", count: observations.count)
        nextObservations = try checkpoint.values("\(name).next_observations", count: nextObservations.count)
        actionIndices = try checkpoint.ints("\(name).action_indices", count: actionIndices.count)
        actions = try checkpoint.values("\(name).actions", count: actions.count)
        rewards = try checkpoint.values("\(name).rewards", count: rewards.count)
        terminals = try checkpoint.values("\(name).terminals", count: terminals.count)
        (count, next) = (position[0], position[1])
    }
}
