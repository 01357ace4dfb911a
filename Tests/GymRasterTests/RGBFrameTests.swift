import Foundation
import Gym
import GymMDP
import GymRaster
import XCTest

/// RGB frames of pictures: their shape, and pixels where the state says they must be.
final class RGBFrameTests: XCTestCase {
    static let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Environments")

    static func make(_ id: String) throws -> Environment {
        try MDPFile(path: shipped.appendingPathComponent(id + ".json").path).compile().makeEnvironment()
    }

    func testFrameHasThePicturesShapeAndColours() throws {
        var picture = Picture(width: 40, height: 30)
        picture.shapes.append(PictureShape(.rect(x: 0, y: 0, width: 20, height: 30), fill: PictureColor(css: "#ff0000")))
        let frame = try picture.rgbFrame()
        XCTAssertEqual([frame.height, frame.width, frame.bytes.count], [30, 40, 30 * 40 * 3])
        XCTAssertTrue(frame.pixel(x: 5, y: 15) == (255, 0, 0))
        XCTAssertTrue(frame.pixel(x: 35, y: 15) == (255, 255, 255))
    }

    /// Cartpole's frame: the pole's tip lies left of the cart for a negative angle, right for a positive
    /// one, at the columns the angle gives (600 px for 4.8 world units; the pole is 1 unit long).
    func testCartPoleFrameDrawsThePoleAtItsAngle() throws {
        let env = try Self.make("cartpole-v1")
        for theta in [-0.2, 0.0, 0.2] {
            try env.reset(seed: 0, options: ResetOptions(initialState: [0.5, 0, .number(theta), 0]))
            let frame = try XCTUnwrap(env.picture()).rgbFrame()
            XCTAssertEqual([frame.height, frame.width], [400, 600])
            // The tip sits 1 unit (125 px) from the axle, which is at x = 0.5 (362.5 px) and 0.86 up (292.5 px down).
            let tipX = 362.5 + 125 * sin(theta), tipY = 292.5 - 125 * cos(theta)
            let row = Int((tipY + 6).rounded())
            let brown = (0..<600).filter { x in let p = frame.pixel(x: x, y: row); return p.red > 150 && p.green < 190 && p.blue < 140 }
            let middle = Double(brown.reduce(0, +)) / Double(max(brown.count, 1))
            XCTAssertFalse(brown.isEmpty, "no pole pixels in row \(row) at theta \(theta)")
            XCTAssertEqual(middle, tipX - 6 * tan(theta), accuracy: 3, "theta \(theta)")
        }
    }

    func testEveryShippedPictureDraws() throws {
        for id in ["gridworld-v1", "frozen-lake-8x8-v1", "notes-two-state-v1", "pendulum-v1", "mountain-car-v1", "rock-paper-scissors-exploiter-v1"] {
            let env = try Self.make(id)
            try env.reset(seed: 1)
            let picture = try XCTUnwrap(env.picture(), id)
            let frame = try picture.rgbFrame()
            XCTAssertEqual([frame.width, frame.height], [picture.pixelSize.width, picture.pixelSize.height], id)
            XCTAssertTrue(frame.bytes.contains { $0 < 128 }, "\(id): the frame is blank")
        }
    }
}
