import XCTest
import GymGames

/// The reference games of the games notes, solved exactly.
final class SolverTests: XCTestCase {
    static let names = ["rock", "paper", "scissors"]

    static func zeroSum(_ payoff: [[Double]]) throws -> NormalFormGame {
        try NormalFormGame.zeroSum(players: ["row", "column"],
                                   actions: [(0..<payoff.count).map { "r\($0)" }, (0..<payoff[0].count).map { "c\($0)" }], payoff: payoff)
    }

    static let rps: [[Double]] = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    static let rockWinsDouble: [[Double]] = [[0, -1, 2], [1, 0, -1], [-2, 1, 0]]
    static let biasedRPS: [[Double]] = [[0, -25, 50], [25, 0, -5], [-50, 5, 0]]

    func assertStrategy(_ s: [Double], _ expected: [Double], accuracy: Double = 1e-12, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.count, expected.count, file: file, line: line)
        for (a, b) in zip(s, expected) { XCTAssertEqual(a, b, accuracy: accuracy, "\(s) against \(expected)", file: file, line: line) }
    }

    func testLinearProgramSolvesTheReferenceZeroSumGames() throws {
        let cases: [([[Double]], [Double], Double)] = [
            (Self.rps, [1.0 / 3, 1.0 / 3, 1.0 / 3], 0),
            (Self.rockWinsDouble, [0.25, 0.5, 0.25], 0),
            (Self.biasedRPS, [1.0 / 16, 10.0 / 16, 5.0 / 16], 0),
            ([[0, -1, 3], [1, 0, -3], [-3, 3, 0]], [3.0 / 7, 3.0 / 7, 1.0 / 7], 0),
            ([[2, 1, 5], [-3, -4, -2]], [1, 0], 1),
        ]
        for (payoff, row, value) in cases {
            let game = try Self.zeroSum(payoff)
            let solution = try ZeroSumSolver.solve(game)
            XCTAssertEqual(solution.value!, value, accuracy: 1e-12)
            assertStrategy(solution.equilibria[0].profile[0], row)
            XCTAssertLessThanOrEqual(game.exploitability(solution.equilibria[0].profile), 1e-9, "\(payoff)")
        }
        // The pure game's column player plays column 1 only.
        let pure = try ZeroSumSolver.solve(try Self.zeroSum([[2, 1, 5], [-3, -4, -2]]))
        assertStrategy(pure.equilibria[0].profile[1], [0, 1, 0])
        // Exact: the biased game's strategy is the dyadic (1/16, 10/16, 5/16) to the last bit.
        let brps = try ZeroSumSolver.solve(try Self.zeroSum(Self.biasedRPS))
        XCTAssertEqual(brps.equilibria[0].profile[0], [0.0625, 0.625, 0.3125])
    }

    func testZeroSumSolverRefusesOtherGames() throws {
        let bos = try NormalFormGame.bimatrix(players: ["a", "b"], actions: [["B", "S"], ["B", "S"]], row: [[3, 0], [0, 2]], column: [[2, 0], [0, 3]])
        XCTAssertThrowsError(try ZeroSumSolver.solve(bos)) {
            XCTAssertEqual("\($0)", "the zero-sum solver does not apply: the payoffs do not sum to zero")
        }
    }

    func testSupportEnumerationFindsTheThreeEquilibriaOfBachOrStravinsky() throws {
        let bos = try NormalFormGame.bimatrix(players: ["a", "b"], actions: [["B", "S"], ["B", "S"]], row: [[3, 0], [0, 2]], column: [[2, 0], [0, 3]])
        let result = try SupportEnumeration.solve(bos)
        XCTAssertEqual(result.equilibria.count, 3)
        XCTAssertFalse(result.degenerate)
        XCTAssertTrue(result.complete)
        let found = result.equilibria.map { ($0.profile[0], $0.profile[1], $0.values) }
        XCTAssertTrue(found.contains { $0.0 == [1, 0] && $0.1 == [1, 0] && $0.2 == [3, 2] })
        XCTAssertTrue(found.contains { $0.0 == [0, 1] && $0.1 == [0, 1] && $0.2 == [2, 3] })
        let mixed = try XCTUnwrap(found.first { $0.0[0] > 0 && $0.0[0] < 1 })
        assertStrategy(mixed.0, [0.6, 0.4])
        assertStrategy(mixed.1, [0.4, 0.6])
        assertStrategy(mixed.2, [1.2, 1.2])
    }

    func testSupportEnumerationOnDominanceAndZeroSumGames() throws {
        let pd = try NormalFormGame.bimatrix(players: ["a", "b"], actions: [["C", "D"], ["C", "D"]], row: [[5, 0], [10, 1]], column: [[5, 10], [0, 1]])
        let result = try SupportEnumeration.solve(pd)
        XCTAssertEqual(result.equilibria.map { $0.profile.strategies }, [[[0, 1], [0, 1]]])
        XCTAssertEqual(result.equilibria[0].values, [1, 1])
        XCTAssertTrue(result.complete)

        let shapley = try NormalFormGame.bimatrix(players: ["a", "b"], actions: [Self.names, Self.names],
                                                  row: [[0, 0, 1], [1, 0, 0], [0, 1, 0]], column: [[0, 1, 0], [0, 0, 1], [1, 0, 0]])
        let s = try SupportEnumeration.solve(shapley)
        XCTAssertEqual(s.equilibria.count, 1)
        assertStrategy(s.equilibria[0].profile[0], [1.0 / 3, 1.0 / 3, 1.0 / 3])
        assertStrategy(s.equilibria[0].values, [1.0 / 3, 1.0 / 3])

        let rwd = try SupportEnumeration.solve(try Self.zeroSum(Self.rockWinsDouble))
        XCTAssertEqual(rwd.equilibria.count, 1)
        assertStrategy(rwd.equilibria[0].profile[0], [0.25, 0.5, 0.25])
        XCTAssertEqual(rwd.value!, 0, accuracy: 1e-12)
    }

    func testDegenerateGamesAreFlagged() throws {
        // Rock-paper-scissors with a Water action that ties with everything.
        let water: [[Double]] = [[0, -1, 1, 0], [1, 0, -1, 0], [-1, 1, 0, 0], [0, 0, 0, 0]]
        let result = try SupportEnumeration.solve(try Self.zeroSum(water))
        XCTAssertTrue(result.degenerate)
        XCTAssertFalse(result.complete)
        // Two identical rows: a continuum of row strategies.
        let twins = try SupportEnumeration.solve(try NormalFormGame.bimatrix(
            players: ["a", "b"], actions: [["x", "y"], ["u", "v"]], row: [[1, 1], [1, 1]], column: [[1, 0], [0, 1]]))
        XCTAssertTrue(twins.degenerate)
    }

    func testSupportEnumerationRefusesHugeGames() throws {
        let n = 40
        let game = try Self.zeroSum((0..<n).map { r in (0..<n).map { Double(($0 * 7 + r * 3) % 5) } })
        XCTAssertThrowsError(try SupportEnumeration.solve(game)) {
            guard case GameError.tooLarge(let solver, _, let limit) = $0 else { return XCTFail("\($0)") }
            XCTAssertEqual(solver, "support enumeration")
            XCTAssertEqual(limit, SupportEnumeration.limit)
        }
    }
}
