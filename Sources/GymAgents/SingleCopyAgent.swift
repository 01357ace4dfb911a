import Gym
import GymNN

/// An agent that acts and learns one transition at a time (the tabular and planning agents, REINFORCE,
/// the random baseline) as a `VectorAgent` of one copy, so that the `Trainer` has one loop: it acts in
/// the copy's observation and learns from its transition exactly as the environment gives them
/// (`VectorEnvironment.observation(at:)`, `finalObservations`), not from their flattened rows.
final class SingleCopyAgent: VectorAgent {
    private let agent: Agent
    private let vector: VectorEnvironment
    /// The observation the last action was chosen in.
    private var observation: Observation?

    /// - Throws: `GymError.invalidArgument` when `vector` has more than one copy.
    init(_ agent: Agent, on vector: VectorEnvironment) throws {
        guard vector.count == 1 else {
            throw GymError.invalidArgument("\(agent.name) trains on one environment, not on a vector of \(vector.count) copies")
        }
        self.agent = agent
        self.vector = vector
    }

    var name: String { agent.name }
    var environmentCount: Int { 1 }
    var settings: [String: String] { agent.settings }
    var observationSpace: Space { vector.observationSpace }

    func act(_ observation: Observation, mode: ActMode) -> Action { agent.act(observation, mode: mode) }

    func act(rows observations: [Float], count: Int, into actions: inout ActionRows) {
        let current = vector.observation(at: 0)
        observation = current
        actions.set(0, agent.act(current, mode: .explore))
    }

    func learn(_ step: VectorTransition) -> [String: Double] {
        let ended = step.terminated[0] || step.truncated[0]
        return agent.learn(Transition(observation: observation!, action: step.actions.action(0), reward: step.rewards[0],
                                      nextObservation: ended ? vector.finalObservations[0]! : vector.observation(at: 0),
                                      terminated: step.terminated[0], truncated: step.truncated[0]))
    }

    func learn(_ transition: Transition) -> [String: Double] { agent.learn(transition) }

    func save(into checkpoint: inout Checkpoint) { agent.save(into: &checkpoint) }
    func restore(from checkpoint: Checkpoint) throws { try agent.restore(from: checkpoint) }
}
