import GymNN

/// The buffer's contents and ring position, for training checkpoints (`ResumableAgent`). Only the rows
/// filled so far are written (rows `0 ..< count` hold every transition, wherever the ring stands), so a
/// checkpoint early in a run with a buffer of a million rows stays small.
extension ReplayBuffer {
    func save(into checkpoint: inout Checkpoint, as name: String) {
        let filled = count
        func rows(_ values: [Float], _ width: Int) -> [Float] { Array(values[0 ..< filled * width]) }
        checkpoint.set("\(name).position", ints: [count, next])
        checkpoint.set("\(name).observations", shape: [filled * observationSize], values: rows(observations, observationSize))
        checkpoint.set("\(name).next_observations", shape: [filled * observationSize], values: rows(nextObservations, observationSize))
        checkpoint.set("\(name).action_indices", ints: actionIndices.isEmpty ? [] : Array(actionIndices[0 ..< filled]))
        checkpoint.set("\(name).actions", shape: [filled * actionSize], values: rows(actions, actionSize))
        checkpoint.set("\(name).rewards", shape: [filled], values: rows(rewards, 1))
        checkpoint.set("\(name).terminals", shape: [filled], values: rows(terminals, 1))
    }

    func restore(from checkpoint: Checkpoint, as name: String) throws {
        let position = try checkpoint.ints("\(name).position", count: 2)
        guard position[0] >= 0, position[0] <= capacity, position[1] >= 0, position[1] < capacity,
              position[0] == capacity || position[1] == position[0] else {
            throw CheckpointError.mismatch("the replay buffer's position \(position) does not fit its capacity \(capacity)")
        }
        let filled = position[0]
        func read(_ key: String, into values: inout [Float], _ width: Int) throws {
            let stored = try checkpoint.values("\(name).\(key)", count: filled * width)
            values.replaceSubrange(0 ..< filled * width, with: stored)
        }
        try read("observations", into: &observations, observationSize)
        try read("next_observations", into: &nextObservations, observationSize)
        let indices = try checkpoint.ints("\(name).action_indices", count: actionIndices.isEmpty ? 0 : filled)
        if !actionIndices.isEmpty { actionIndices.replaceSubrange(0 ..< filled, with: indices) }
        try read("actions", into: &actions, actionSize)
        try read("rewards", into: &rewards, 1)
        try read("terminals", into: &terminals, 1)
        (count, next) = (position[0], position[1])
    }
}
