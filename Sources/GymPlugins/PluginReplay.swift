import Gym
import GymJSON

/// What rebuilds the current episode of a plugin environment: the seed it began with, the reset options
/// and the actions taken since. The ABI has no call that reads a plugin's state out, but a plugin is
/// deterministic for a given seed (the conformance suite's `determinism.*` checks), so a reset with that
/// seed followed by those actions puts a fresh instance where the saved one was. That is how a run on a
/// plugin resumes (`SnapshottingEnvironment`).
///
/// For every episode to be replayable, the host passes a seed at every reset: the caller's, or else the
/// next draw of a generator that the caller's last seed started (one seeded from the system's entropy
/// when no seed was ever given). The episodes after `reset(seed: s)` are therefore a function of `s`.
struct PluginReplay {
    private var seeder: RandomSource?
    /// The seed the plugin was given at the current episode's reset.
    private(set) var seed: UInt64 = 0
    private(set) var options = ResetOptions.none
    /// The actions since that reset, as the plugin read them (each `width` doubles).
    private(set) var actions: [Double] = []

    /// The seed to give the plugin at a reset the caller gave `requested`.
    mutating func seed(for requested: UInt64?) -> UInt64 {
        if let requested {
            seeder = RandomSource(seed: requested)
            return requested
        }
        if seeder == nil { seeder = .entropySeeded() }
        return seeder!.next()
    }

    /// A new episode began with `seed` and `options`.
    mutating func started(seed: UInt64, options: ResetOptions) {
        (self.seed, self.options) = (seed, options)
        actions.removeAll(keepingCapacity: true)
    }

    /// The plugin took the action `values` (an environment's action buffer, or a lane's part of a batch's).
    @inline(__always)
    mutating func stepped(_ values: ArraySlice<Double>) { actions.append(contentsOf: values) }

    /// The reset options as the plugin reads them: the extra entries with `initial_state`.
    static func encoded(_ options: ResetOptions) -> String {
        var object: [String: JSONValue] = options.extra
        if let initial = options.initialState { object["initial_state"] = initial }
        return JSONValue.object(object).encoded()
    }

    // MARK: Snapshots

    /// The snapshot of an environment in `episode`, whose plugin last wrote `observation`.
    func snapshot(_ episode: PluginEpisode, observation: [Double]) -> EnvironmentSnapshot {
        snapshot(phase: episode.phase, steps: episode.steps, episode: episode.episode, observation: observation[...])
    }

    /// The snapshot of an environment at `phase`, `steps` steps into episode number `episode`, whose
    /// plugin last wrote `observation`.
    func snapshot(phase: EpisodePhase, steps: Int, episode: Int, observation: ArraySlice<Double>) -> EnvironmentSnapshot {
        var snapshot = EnvironmentSnapshot()
        snapshot.set("phase", phase: phase)
        snapshot.set("elapsed", int: steps)
        snapshot.set("plugin.episode", int: episode)
        if let seeder { snapshot.set("plugin.seeder", generator: seeder) }
        if phase != .needsReset {
            snapshot.set("plugin.seed", [seed])
            snapshot.entries["plugin.options"] = PluginReplay.encoded(options)
            snapshot.set("plugin.actions", doubles: actions)
            snapshot.set("plugin.observation", doubles: Array(observation))
        }
        return snapshot
    }

    /// What a snapshot says: the replay, the phase, the steps and number of the episode, and the
    /// observation the replay must end on (nil before any reset).
    struct Saved {
        var replay: PluginReplay
        var phase: EpisodePhase
        var steps: Int
        var episode: Int
        var observation: [Double]?

        /// - Throws: `GymError.invalidArgument` naming the entry that is missing or does not fit
        ///   `actionWidth` and `observationWidth`.
        init(_ snapshot: EnvironmentSnapshot, actionWidth: Int, observationWidth: Int) throws {
            phase = try snapshot.phase("phase")
            steps = try snapshot.int("elapsed")
            episode = try snapshot.int("plugin.episode")
            replay = PluginReplay()
            if snapshot.entries["plugin.seeder"] != nil { replay.seeder = try snapshot.generator("plugin.seeder") }
            guard phase != .needsReset else { return }
            guard (0...Int(Int32.max)).contains(steps), episode >= 1 else { throw GymError.invalidArgument("the snapshot's 'elapsed' or 'plugin.episode' is out of range") }
            replay.seed = try snapshot.words("plugin.seed", count: 1)[0]
            let text = snapshot.entries["plugin.options"] ?? ""
            guard let object = (try? JSONReader.parse(text, source: "the snapshot's 'plugin.options'"))?.plain.objectValue else {
                throw GymError.invalidArgument("the snapshot's 'plugin.options' is not a JSON object")
            }
            var extra = object
            replay.options = ResetOptions(initialState: extra.removeValue(forKey: "initial_state"), extra: extra)
            replay.actions = try snapshot.doubles("plugin.actions", count: steps * actionWidth)
            observation = try snapshot.doubles("plugin.observation", count: observationWidth)
        }

        /// The saved actions, as `step` takes them.
        func actions(of space: Space) -> [Action] {
            let width = PluginValues.width(space)
            return replay.actions.withUnsafeBufferPointer { buffer in
                (0..<steps).map { PluginValues.action(buffer.baseAddress! + $0 * width, of: space) }
            }
        }

        /// Plays the saved episode on the instance being restored, through its own `reset` and `step`
        /// (with `options` and the saved actions of `space`), then checks with `end` (its phase and the
        /// plugin's last observation) that it ended where the saved one did. Nothing to play before any reset.
        /// - Throws: what `reset` and `step` throw; `PluginError.Reason.notReplayable` when it ends elsewhere.
        func play(actionSpace space: Space, environment: String, plugin: String, path: String,
                  reset: (UInt64, ResetOptions) throws -> Void, step: (Action) throws -> Void,
                  end: () -> (EpisodePhase, ArraySlice<Double>)) throws {
            guard phase != .needsReset else { return }
            try reset(replay.seed, replay.options)
            for action in actions(of: space) { try step(action) }
            let (replayed, last) = end()
            let sameObservation = observation.map { zip($0, last).allSatisfy { $0.bitPattern == $1.bitPattern } } ?? true
            let problem = replayed != phase ? "it is \(replayed) where it was \(phase)" : sameObservation ? nil : "it ends on another observation"
            if let problem {
                throw PluginError(path: path, name: plugin, reason: .notReplayable(environment: environment, episode: episode, steps: steps, problem: problem))
            }
        }

        /// `current` (the replay's episode) numbered as the saved one; a fresh one before any reset.
        func restored(_ current: PluginEpisode) -> PluginEpisode {
            var episode = phase == .needsReset ? PluginEpisode() : current
            episode.renumber(self.episode)
            return episode
        }
    }
}
