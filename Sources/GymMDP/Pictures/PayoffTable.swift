import Gym
import GymGames

/// The drawing of a repeated matrix game: the payoff table of two players with the last joint move's
/// cell highlighted, or, for other numbers of players, each player's actions with its last move
/// highlighted. A caption under it gives the round.
struct PayoffTable {
    var players: [String]
    var actions: [[String]]
    /// For two players: the text of each cell, by row and column.
    var cells: [[String]]
    /// The last joint move; nil before the first round.
    var last: [Int]?
    var caption: String

    static let highlight = PictureColor(red: 255, green: 221, blue: 120)
    static let header = PictureColor(red: 235, green: 235, blue: 235)

    var picture: Picture { players.count == 2 ? table : columns }

    /// Rows are the first player's actions, columns the second's.
    private var table: Picture {
        let rowHeader = 110.0, width = 96.0, height = 40.0, top = 44.0
        var picture = Picture(width: rowHeader + width * Double(actions[1].count) + 20, height: top + height * Double(actions[0].count + 1) + 40)
        func text(_ x: Double, _ y: Double, _ s: String, size: Double = 14) -> PictureShape {
            PictureShape(.text(x: x, y: y, s, size: size, anchor: .middle), fill: .black)
        }
        picture.shapes.append(text(rowHeader + width * Double(actions[1].count) / 2, 22, "\(players[1]) →", size: 13))
        picture.shapes.append(text(rowHeader / 2, top + height * 0.62, "\(players[0]) ↓", size: 13))
        for (c, name) in actions[1].enumerated() {
            let x = rowHeader + width * Double(c)
            picture.shapes.append(PictureShape(.rect(x: x, y: top, width: width, height: height), fill: Self.header, stroke: .white))
            picture.shapes.append(text(x + width / 2, top + height * 0.62, name))
        }
        for (r, name) in actions[0].enumerated() {
            let y = top + height * Double(r + 1)
            picture.shapes.append(PictureShape(.rect(x: 0, y: y, width: rowHeader, height: height), fill: Self.header, stroke: .white))
            picture.shapes.append(text(rowHeader / 2, y + height * 0.62, name))
            for c in actions[1].indices {
                let x = rowHeader + width * Double(c)
                let chosen = last == [r, c]
                picture.shapes.append(PictureShape(.rect(x: x, y: y, width: width, height: height), fill: chosen ? Self.highlight : .white,
                                                   stroke: PictureColor(red: 180, green: 180, blue: 180), strokeWidth: chosen ? 2 : 1))
                picture.shapes.append(text(x + width / 2, y + height * 0.62, cells[r][c]))
            }
        }
        picture.shapes.append(text(picture.width / 2, picture.height - 14, caption, size: 13))
        return picture
    }

    /// One column per player, its actions listed, the last move highlighted.
    private var columns: Picture {
        let width = 120.0, height = 32.0, top = 40.0
        let rows = actions.map(\.count).max() ?? 0
        var picture = Picture(width: width * Double(players.count) + 20, height: top + height * Double(rows) + 44)
        for (p, player) in players.enumerated() {
            let x = 10 + width * Double(p)
            picture.shapes.append(PictureShape(.text(x: x + width / 2, y: 26, player, size: 14, anchor: .middle), fill: .black))
            for (a, name) in actions[p].enumerated() {
                let y = top + height * Double(a), chosen = last?[p] == a
                picture.shapes.append(PictureShape(.rect(x: x + 4, y: y, width: width - 8, height: height - 4), fill: chosen ? Self.highlight : .white,
                                                   stroke: PictureColor(red: 180, green: 180, blue: 180)))
                picture.shapes.append(PictureShape(.text(x: x + width / 2, y: y + height * 0.58, name, size: 13, anchor: .middle), fill: .black))
            }
        }
        picture.shapes.append(PictureShape(.text(x: picture.width / 2, y: picture.height - 14, caption, size: 13, anchor: .middle), fill: .black))
        return picture
    }
}

extension PayoffTable {
    /// The two-player table of `game`: cell (r, c) lists every player's payoff for that joint move.
    init(game: NormalFormGame, last: [Int]?, caption: String) {
        players = game.players
        actions = game.actions
        self.last = last
        self.caption = caption
        cells = []
        guard game.playerCount == 2 else { return }
        cells = game.actions[0].indices.map { r in
            game.actions[1].indices.map { c in
                let i = game.index(of: [r, c])
                return game.players.indices.map { JSONValue.format(game.payoffs[$0][i]) }.joined(separator: ", ")
            }
        }
    }
}
