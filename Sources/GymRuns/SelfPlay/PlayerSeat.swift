import Gym

/// One player's place at a multi-agent game, as an `Environment` an agent is built for: its spaces
/// and metadata. The game steps through the self-play loop, never through a seat, so `reset` and
/// `step` throw `GymError.invalidArgument`.
final class PlayerSeat: Environment {
    let player: String
    let observationSpace: Space
    let actionSpace: Space
    let metadata: EnvironmentMetadata

    init(_ game: MultiAgentEnvironment, player: String) throws {
        self.player = player
        observationSpace = try game.observationSpace(player)
        actionSpace = try game.actionSpace(player)
        var metadata = game.metadata
        metadata.actionNames = game.actionNames(player)
        self.metadata = metadata
    }

    private var refusal: GymError {
        GymError.invalidArgument("player \(player)'s seat is stepped by the self-play loop, with every other player's move")
    }

    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) { throw refusal }
    func observe() throws -> Observation { throw refusal }
    func step(_ action: Action) throws -> Step { throw refusal }
}
