import Foundation
import Gym
import GymAgents

/// The frames of one episode as it is played, one drawing per step, written as one animated SVG
/// (`gym rollout --svg`, and the animation of `report.html`).
public struct EpisodeFilm {
    /// Frames kept at most: a longer episode's animation stops there and says so in its last caption.
    public static let maxFrames = 2000

    public private(set) var frames: [Picture] = []
    public private(set) var captions: [String] = []
    public private(set) var steps = 0
    private var total = 0.0

    /// Starts the film with the state after `reset`.
    /// - Throws: `GymError.invalidArgument` when the environment draws no picture (`picture()` is nil).
    public init(first picture: Picture?, environment id: String) throws {
        guard let picture else {
            throw GymError.invalidArgument("\(id) draws no picture: --svg needs an environment with a picture "
                + "(a dynamics file with a render section, a grid, tabular or matrix-game file; Specs/mdp-format.md, Rendering)")
        }
        frames = [picture]
        captions = ["reset"]
    }

    /// Adds the drawing after a step with its reward.
    public mutating func record(_ picture: Picture?, action: String, reward: Double) {
        steps += 1
        total += reward
        guard frames.count < Self.maxFrames, let picture else { return }
        frames.append(picture)
        captions.append("step \(steps)  \(action)  reward \(Self.short(reward))  return \(Self.short(total))")
    }

    /// An action as a caption shows it: its name, or its components to four significant digits.
    public static func label(_ action: Action, in env: Environment) -> String {
        if let name = env.actionSpace.name(of: action, names: env.metadata.actionNames) { return name }
        if case .continuous(let values) = action { return "[" + values.map(short).joined(separator: ", ") + "]" }
        return action.description
    }

    /// A number to four significant digits.
    public static func short(_ x: Double) -> String { x.isFinite ? String(format: "%.4g", x) : JSONValue.format(x) }

    /// The animation: 20 frames a second, or fewer for short episodes, so that each plays for at least 3 s.
    var animation: PictureAnimation {
        var captions = captions
        if steps >= frames.count, let last = captions.indices.last {
            captions[last] += "  (the first \(frames.count - 1) of \(steps) steps)"
        }
        return PictureAnimation(frames: frames, captions: captions, secondsPerFrame: max(0.05, min(0.5, 3 / Double(frames.count))))
    }

    /// Writes the animation to `path`, replacing it atomically.
    public func write(to path: String) throws {
        try animation.svg.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// One greedy episode of `agent` on `env` from `seed`, at most `limit` steps, filmed.
    public static func greedyEpisode(of agent: Agent, on env: Environment, id: String, seed: UInt64, limit: Int = maxFrames) throws -> EpisodeFilm {
        var (observation, _) = try env.reset(seed: seed)
        var film = try EpisodeFilm(first: env.picture(), environment: id)
        for _ in 0..<limit {
            let action = agent.act(observation, mode: .greedy)
            let step = try env.step(action)
            observation = step.observation
            film.record(env.picture(), action: label(action, in: env), reward: step.reward)
            if step.isLast { break }
        }
        return film
    }
}
