import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Gym
import GymJSON
import GymMDP
import XCTest

/// The `render` section of dynamics files, the pictures of the other kinds, and the SVG they make.
final class RenderSectionTests: XCTestCase {
    /// A one-variable dynamics file with `render` as given.
    static func file(render: String, lets: String = "[]") -> String {
        """
        {"format": "swiftgym.mdp/1", "id": "dot-v1", "kind": "dynamics", "parameters": {"size": 0.5},
         "state": [{"name": "x", "init": 0}], "actions": {"type": "discrete", "names": ["left", "right"]},
         "let": \(lets), "next": {"x": "x + (action == 1 ? 1 : -1)"}, "reward": "0",
         "observation": {"expressions": ["x"], "low": [-100], "high": [100]},
         "render": \(render)}
        """
    }

    static func compile(_ text: String) throws -> MDPDefinition {
        try MDPFile(json: try JSONReader.parse(text, source: "dot.json"), path: "dot.json").compile()
    }

    func message(_ text: String) -> String {
        do {
            _ = try Self.compile(text)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    func testShapesFollowTheStateInPixelCoordinates() throws {
        let env = try Self.compile(Self.file(render: """
            {"width": 200, "height": 100, "view": {"x": [-2, 2], "y": [0, 2]}, "shapes": [
              {"shape": "circle", "cx": "x", "cy": 1, "r": "size", "fill": "red"},
              {"shape": "rect", "x": "x - 0.5", "y": 0, "width": 1, "height": 0.5, "visible": "x > 0"},
              {"shape": "text", "x": -2, "y": 0, "text": "x = {x}, twice {2 * x}"}]}
            """)).makeEnvironment()
        try env.reset(seed: 0)
        var picture = try XCTUnwrap(env.picture())
        XCTAssertEqual([picture.width, picture.height], [200, 100])
        // 50 px per unit; x = 0 is column 100, y = 1 is row 50.
        XCTAssertEqual(picture.shapes.first?.geometry, .circle(cx: 100, cy: 50, r: 25))
        XCTAssertEqual(picture.shapes.count, 2, "the rect is hidden while x <= 0")
        _ = try env.step(.discrete(1))
        picture = try XCTUnwrap(env.picture())
        XCTAssertEqual(picture.shapes.first?.geometry, .circle(cx: 150, cy: 50, r: 25))
        XCTAssertEqual(picture.shapes[1].geometry, .rect(x: 125, y: 75, width: 50, height: 25))
        XCTAssertEqual(picture.shapes[2].geometry, .text(x: 0, y: 100, "x = 1, twice 2", size: 14, anchor: .start))
        XCTAssertEqual(picture.shapes[0].fill, PictureColor(css: "#ff0000"))
    }

    func testAViewOfAnotherShapeIsScaledUniformlyAndCentred() throws {
        let env = try Self.compile(Self.file(render: """
            {"width": 300, "height": 100, "view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "line", "x1": 0, "y1": 0, "x2": 1, "y2": 1}]}
            """)).makeEnvironment()
        try env.reset(seed: 0)
        XCTAssertEqual(try XCTUnwrap(env.picture()).shapes[0].geometry, .line(x1: 100, y1: 100, x2: 200, y2: 0))
    }

    func testSampledCurveHasCountPoints() throws {
        let env = try Self.compile(Self.file(render: """
            {"view": {"x": [-1, 1], "y": [-1, 1]}, "shapes": [{"shape": "polyline",
              "points": {"for": "u", "from": -1, "to": "size * 2", "count": 11, "x": "u", "y": "u ^ 2 + x"}}]}
            """)).makeEnvironment()
        try env.reset(seed: 0)
        guard case .polyline(let points) = try XCTUnwrap(env.picture()).shapes[0].geometry else { return XCTFail("not a polyline") }
        XCTAssertEqual(points.count, 11)
    }

    func testBrokenSectionsAreErrorsAtTheirJSONPaths() {
        let cases: [(String, String)] = [
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": "x +* 2", "cy": 0, "r": 1}]}"#,
             "$.render.shapes[0].cx"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": "speed", "cy": 0, "r": 1}]}"#,
             "$.render.shapes[0].cx"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "star", "x": 0}]}"#,
             "$.render.shapes[0].shape: unknown shape 'star'"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": 0, "cy": 0, "r": 1, "fill": "blurple"}]}"#,
             "$.render.shapes[0].fill: 'blurple' is not a colour"),
            (#"{"view": {"x": [1, 0], "y": [0, 1]}, "shapes": []}"#, "$.render.view.x: the view needs finite bounds with min < max"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": 0, "cy": 0}]}"#,
             "$.render.shapes[0].r: required member 'r' is missing"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "text", "x": 0, "y": 0, "text": "{x"}]}"#,
             "$.render.shapes[0].text: a '{' in the text has no matching '}'"),
            (#"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": "uniform(0, 1)", "cy": 0, "r": 1}]}"#,
             "$.render.shapes[0].cx"),
            (#"{"width": 0, "view": {"x": [0, 1], "y": [0, 1]}, "shapes": []}"#, "$.render.width"),
        ]
        for (render, expected) in cases {
            let text = message(Self.file(render: render))
            XCTAssertTrue(text.contains(expected), "\(render)\n  gave: \(text)")
        }
        let usesLet = message(Self.file(render: #"{"view": {"x": [0, 1], "y": [0, 1]}, "shapes": [{"shape": "circle", "cx": "v", "cy": 0, "r": 1}]}"#,
                                        lets: #"[["v", "x * 2"]]"#))
        XCTAssertTrue(usesLet.contains("$.render.shapes[0].cx") && usesLet.contains("cannot be used in render"), usesLet)
    }

    func testEveryShippedEnvironmentDrawsWellFormedSVG() throws {
        let folder = ShippedEnvironmentTests.folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        for file in files {
            let definition = try MDPFile(path: folder.appendingPathComponent(file).path).compile()
            if let makeGame = definition.makeMultiAgentEnvironment {
                let game = try makeGame()
                _ = try game.reset(seed: 0, options: .none)
                try assertWellFormed(try XCTUnwrap(game.picture(), file).svg, file)
                continue
            }
            let env = try definition.makeEnvironment()
            try env.reset(seed: 0)
            let picture = try XCTUnwrap(env.picture(), "\(file) draws no picture")
            try assertWellFormed(picture.svg, file)
        }
    }

    func testAnimationHasOneFrameGroupPerPictureAndIsWellFormed() throws {
        let env = try ShippedEnvironmentTests.load("cartpole-v1").makeEnvironment()
        try env.reset(seed: 4)
        var frames = [try XCTUnwrap(env.picture())]
        for _ in 0..<9 {
            _ = try env.step(.discrete(1))
            frames.append(try XCTUnwrap(env.picture()))
        }
        let animation = PictureAnimation(frames: frames, captions: frames.indices.map { "step \($0) & <more>" })
        let svg = animation.svg
        try assertWellFormed(svg, "animation")
        XCTAssertEqual(svg.components(separatedBy: "<g class=\"frame\"").count - 1, 10)
        XCTAssertEqual(svg.components(separatedBy: "<animate ").count - 1, 10)
        XCTAssertNotEqual(frames[0], frames[9], "the cart moves")
    }

    func testPicturesDrawNothingRandomAndChangeNoState() throws {
        let env = try ShippedEnvironmentTests.load("cartpole-v1").makeEnvironment()
        let twin = try ShippedEnvironmentTests.load("cartpole-v1").makeEnvironment()
        try env.reset(seed: 9)
        try twin.reset(seed: 9)
        for _ in 0..<20 {
            _ = env.picture()
            let a = try env.step(.discrete(0)), b = try twin.step(.discrete(0))
            XCTAssertEqual(a.observation, b.observation)
            if a.isLast { break }
        }
    }

    func testGridPictureMarksTheAgentAndTerminalRewards() throws {
        let env = try ShippedEnvironmentTests.load("gridworld-v1").makeEnvironment()
        try env.reset(seed: 0)
        let svg = try XCTUnwrap(env.picture()).svg
        XCTAssertTrue(svg.contains(">1</text>") && svg.contains(">-1</text>"), svg)
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 1, "one agent")
    }

    private func assertWellFormed(_ svg: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "\(label): not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
    }
}
