import Gym

/// What a plugin environment knows of its episode between calls, in process or isolated: the phase (to
/// tell a wrong-order status before any reset from one after the end), the last observation (for
/// `observe`), and the episode and step counts (for messages).
struct PluginEpisode {
    private(set) var phase = EpisodePhase.needsReset
    private(set) var last: Observation = .discrete(0)
    private(set) var episode = 0
    private(set) var steps = 0

    mutating func started(_ observation: Observation) -> (observation: Observation, info: Info) {
        (phase, last, episode, steps) = (.running, observation, episode + 1, 0)
        return (observation, [:])
    }

    mutating func stepped(_ step: Step) -> Step {
        (phase, last, steps) = (.after(step), step.observation, steps + 1)
        return step
    }

    /// The episode is numbered `episode` (restoring a snapshot, whose replay counted from 1).
    mutating func renumber(_ episode: Int) { self.episode = episode }

    func observe(_ name: String?) throws -> Observation {
        try phase.checkObserve(name ?? "plugin environment")
        return last
    }
}
