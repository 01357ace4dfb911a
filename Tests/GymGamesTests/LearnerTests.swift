import XCTest
import GymGames

/// What learning dynamics are known to do, on the exact matrix.
final class LearnerTests: XCTestCase {
    func distance(_ s: [Double], _ t: [Double]) -> Double { zip(s, t).map { abs($0 - $1) }.max()! }
    let uniform = [1.0 / 3, 1.0 / 3, 1.0 / 3]

    func testRegretMatchingAverageConvergesOnRockPaperScissorsAndItsCurrentPolicyDoesNot() throws {
        let game = try SolverTests.zeroSum(SolverTests.rps)
        // From uniform, regret matching would stay at the equilibrium: start the row player on Rock.
        var learning = GameLearning(game: game, kind: .regretMatching, initial: StrategyProfile([[1, 0, 0], uniform]))
        for _ in 0..<50_000 { learning.iterate() }
        for p in 0..<2 { XCTAssertLessThan(distance(learning.average[p], uniform), 0.005, "\(learning.average[p])") }
        XCTAssertGreaterThan(distance(learning.current[0], uniform), 0.05, "\(learning.current[0])")
        XCTAssertLessThan(game.exploitability(learning.average), 0.01)
        XCTAssertGreaterThan(game.exploitability(learning.current), 0.1)
    }

    func testRegretMatchingAverageApproachesTheBiasedEquilibrium() throws {
        let game = try SolverTests.zeroSum(SolverTests.biasedRPS)
        for kind in [GameLearnerKind.regretMatching, .regretMatchingPlus] {
            var learning = GameLearning(game: game, kind: kind)
            for _ in 0..<50_000 { learning.iterate() }
            XCTAssertLessThan(distance(learning.average[0], [1.0 / 16, 10.0 / 16, 5.0 / 16]), 0.01, "\(kind)")
        }
    }

    func testOptimisticHedgeConvergesInTheLastIterateAndHedgeDrifts() throws {
        let game = try SolverTests.zeroSum(SolverTests.rps)
        let start = StrategyProfile([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]])
        var optimistic = GameLearning(game: game, kind: .optimisticHedge, learningRate: 0.1, initial: start)
        var plain = GameLearning(game: game, kind: .hedge, learningRate: 0.1, initial: start)
        for _ in 0..<10_000 { optimistic.iterate(); plain.iterate() }
        XCTAssertLessThan(game.exploitability(optimistic.current), 1e-4)
        XCTAssertGreaterThan(game.exploitability(plain.current), 0.9, "the last iterate drifts to the boundary")
        XCTAssertLessThan(game.exploitability(plain.average), 0.1, "while the average still converges")
    }

    func testFictitiousPlayConvergesOnRockPaperScissorsAndCyclesInShapleysGame() throws {
        let rps = try SolverTests.zeroSum(SolverTests.rps)
        var learning = GameLearning(game: rps, kind: .fictitiousPlay)
        for _ in 0..<10_000 { learning.iterate() }
        XCTAssertLessThan(rps.exploitability(learning.average), 0.01)
        XCTAssertTrue(learning.current.strategies.allSatisfy { $0.contains(1) }, "the current policy is pure")

        let names = SolverTests.names
        let shapley = try NormalFormGame.bimatrix(players: ["a", "b"], actions: [names, names],
                                                  row: [[0, 0, 1], [1, 0, 0], [0, 1, 0]], column: [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
        var cycling = GameLearning(game: shapley, kind: .fictitiousPlay)
        // Off the diagonal (row 0, column 1); from (0, 0) the play stays on the diagonal and converges.
        cycling.learners[1].start(from: [0, 1, 0])
        var worst = 0.0
        for t in 1...20_000 {
            cycling.iterate()
            if t > 10_000 { worst = max(worst, shapley.exploitability(cycling.average)) }
        }
        XCTAssertGreaterThan(worst, 0.05, "the empirical play keeps cycling away from the uniform equilibrium")
    }

    func testSampledLearningConvergesOnAverage() throws {
        let game = try SolverTests.zeroSum(SolverTests.rps)
        var learning = GameLearning(game: game, kind: .regretMatching, sampled: true, seed: 3)
        for _ in 0..<20_000 { learning.iterate() }
        XCTAssertLessThan(game.exploitability(learning.average), 0.05)
    }

    func testLearningStateRoundTripsBitForBit() throws {
        let game = try SolverTests.zeroSum(SolverTests.rockWinsDouble)
        for kind in GameLearnerKind.allCases {
            var a = GameLearning(game: game, kind: kind, sampled: true, seed: 9)
            for _ in 0..<500 { a.iterate() }
            var b = GameLearning(game: game, kind: kind, sampled: true, seed: 1)
            try b.restore(state: a.state)
            for _ in 0..<500 { a.iterate(); b.iterate() }
            XCTAssertEqual(a.state.map(\.bitPattern), b.state.map(\.bitPattern), "\(kind)")
            XCTAssertEqual(a.average, b.average)
        }
        var c = GameLearning(game: game, kind: .hedge)
        XCTAssertThrowsError(try c.restore(state: [1, 2, 3]))
    }

    func testUnknownLearnerNamesTheKnownOnes() {
        XCTAssertThrowsError(try GameLearnerKind.named("cfr")) {
            XCTAssertEqual("\($0)", "unknown game learner 'cfr'; the game learners are fictitious-play, regret-matching, regret-matching-plus, hedge, optimistic-hedge")
        }
    }
}
