import Gym

/// Lanes of one repeated matrix game stepped together (`EnvironmentBatch`): each lane plays its own
/// `MatrixGamePlay`, with the opponent's memory and generator of its own, in one loop.
final class MatrixGameBatch: EnvironmentBatch {
    let environment: MatrixGameEnvironment
    let count: Int
    let observationSpace: Space
    let actionSpace: Space
    var episodeLimit: Int?
    var plays: [MatrixGamePlay]
    /// Each lane's opponent move in its last round, for the step's info.
    var opponentMoves: [Int]
    private let width: Int

    init(_ environment: MatrixGameEnvironment, count: Int) throws {
        guard count >= 1 else { throw GymError.invalidArgument("a batch needs at least one lane, got \(count)") }
        self.environment = environment
        self.count = count
        observationSpace = environment.observationSpace
        actionSpace = environment.actionSpace
        plays = (0..<count).map { _ in MatrixGamePlay(environment.game) }
        opponentMoves = Array(repeating: 0, count: count)
        width = observationSpace.flatDimension
    }

    func reset(lane: Int, seed: UInt64?, options: ResetOptions, observation: UnsafeMutablePointer<Float>) throws -> Info {
        if let seed { plays[lane].rng = RandomSource(seed: seed) }
        try environment.checkStart(options)
        plays[lane].start()
        write(lane, into: observation)
        return [:]
    }

    func step(_ actions: BatchActions, skip: UnsafePointer<Bool>, into output: BatchOutput) throws {
        let limit = episodeLimit ?? Int.max
        let payoff = environment.game.payoff
        for i in 0..<count where !skip[i] {
            let a = actions.action(i).index!
            let o = plays[i].play(a)
            opponentMoves[i] = o
            output.rewards[i] = payoff[a][o]
            output.terminated[i] = false
            output.truncated[i] = plays[i].rounds >= limit
            write(i, into: output.observations + i * width)
        }
    }

    var hasStepInfos: Bool { true }

    func stepInfo(lane: Int) -> Info { environment.opponentInfos[opponentMoves[lane]] }

    func observation(lane: Int) -> Observation { plays[lane].observation }

    func render(lane: Int) -> String? { plays[lane].text }
    func picture(lane: Int) -> Picture? { plays[lane].picture }

    func write(_ lane: Int, into row: UnsafeMutablePointer<Float>) {
        var values = [Float](repeating: 0, count: width)
        observationSpace.flatten(plays[lane].observation, into: &values, at: 0)
        row.update(from: values, count: width)
    }
}
