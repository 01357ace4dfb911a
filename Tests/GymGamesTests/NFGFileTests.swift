import XCTest
import GymGames

final class NFGFileTests: XCTestCase {
    func testOpenSpielsRockPaperScissorsExportReadsWithTheFirstPlayerFastest() throws {
        let text = """
        NFG 1 R "OpenSpiel export of matrix_rps()"
        { "Player 0" "Player 1" } { 3 3 }

        0 0
        1 -1
        -1 1
        -1 1
        0 0
        1 -1
        1 -1
        -1 1
        0 0
        """
        let game = try NFGFile.parse(text, file: "rps.nfg").game
        XCTAssertEqual(game.matrix(0), SolverTests.rps)
        XCTAssertTrue(game.isZeroSum)
        XCTAssertEqual(game.actions[0], ["1", "2", "3"])
    }

    func testAnAsymmetricGameRoundTrips() throws {
        // Every payoff differs, so any order mistake shows.
        let game = try NormalFormGame.bimatrix(players: ["Alice", "Bob \"B\""], actions: [["up", "down"], ["left", "middle", "right"]],
                                               row: [[1, 2, 3], [4, 5, 6]], column: [[-1, 0.5, 7], [8, 9, 1.25]])
        let text = NFGFile.text(game, title: "asymmetric")
        let back = try NFGFile.parse(text, file: "a.nfg")
        XCTAssertEqual(back.game, game)
        XCTAssertEqual(back.title, "asymmetric")
        // Gambit order: (up, left), (down, left), (up, middle), ...
        XCTAssertTrue(text.hasSuffix("1 -1\n4 8\n2 0.5\n5 9\n3 7\n6 1.25\n"), text)

        let three = try NormalFormGame(players: ["a", "b", "c"], actions: [["x", "y"], ["u", "v", "w"], ["p", "q"]],
                                       payoffs: (0..<3).map { p in (0..<12).map { Double($0 * 10 + p) } })
        XCTAssertEqual(try NFGFile.parse(NFGFile.text(three, title: ""), file: "t.nfg").game, three)
    }

    func testOutcomeVersion() throws {
        let text = """
        NFG 1 R "PD" { "1" "2" }
        { { "C" "D" } { "C" "D" } }
        ""
        { { "both cooperate" 5, 5 } { "sucker" 0, 10 } { "" 10 0 } { "both defect" 1 1 } }
        1 3 2 4
        """
        let game = try NFGFile.parse(text, file: "pd.nfg").game
        XCTAssertEqual(game.matrix(0), [[5, 0], [10, 1]])
        XCTAssertEqual(game.matrix(1), [[5, 10], [0, 1]])
    }

    func testBadFilesNameTheirLineAndColumn() {
        func message(_ text: String) -> String {
            do { _ = try NFGFile.parse(text, file: "bad.nfg"); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertEqual(message("EFG 2 R \"x\""), "bad.nfg:1:1: a normal-form file starts with 'NFG'")
        XCTAssertEqual(message("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 1 2 2\n3 x 4 4"),
                       "bad.nfg:3:3: expected payoff 2 of profile 3 of 4 (a number such as 3, -1.5 or 2/3), found 'x'")
        XCTAssertEqual(message("NFG 1 R \"x\" { \"a\" \"b\" } { 2 2 }\n1 1 2 2 3 3"),
                       "bad.nfg:2:11: the file ends where payoff 1 of profile 4 of 4 was expected")
        XCTAssertEqual(message("NFG 1 R \"x\" { \"a\" } { 2 }\n1 2"), "bad.nfg:1:19: a game needs at least two players, found 1")
        XCTAssertEqual(message("NFG 1 R \"x { \"a\" \"b\" } { 2 2 }"), "bad.nfg:1:20: a quoted string is not closed")
        XCTAssertEqual(message("NFG 1 R \"x\" { \"a\" \"b\" } { 1 1 }\n1 1 9"), "bad.nfg:2:5: unexpected text after the last profile")
        XCTAssertEqual(message("NFG 1 R \"x\" { \"a\" \"b\" } { 1 1 }\n1 1/0"),
                       "bad.nfg:2:3: expected payoff 2 of profile 1 of 1 (a number such as 3, -1.5 or 2/3), found '1/0'")
    }
}
