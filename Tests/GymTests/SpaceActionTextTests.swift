import Gym
import XCTest

/// Actions written as words (Specs/protocol.md, "Actions written as text"): a name wins over an integer.
final class SpaceActionTextTests: XCTestCase {
    /// Jack's car rental's moves: actions named "-5" ... "5", elements 0 ... 10.
    let moves = (-5...5).map(String.init)
    let space = Space.discrete(try! Discrete(11))

    func testANumberThatIsAnActionsNameMeansThatAction() throws {
        XCTAssertEqual(try space.action(fromText: "5", names: moves), .discrete(10))
        XCTAssertEqual(try space.action(fromText: "0", names: moves), .discrete(5))
        XCTAssertEqual(try space.action(fromText: "-1", names: moves), .discrete(4))
    }

    func testAnIntegerThatIsNoNameIsTheActionItself() throws {
        XCTAssertEqual(try space.action(fromText: "7", names: ["0", "1", "2", "3", "4", "5", "6", "8", "9", "10", "11"]), .discrete(7))
        XCTAssertEqual(try space.action(fromText: "1", names: ["left", "right"]), .discrete(1))
        XCTAssertEqual(try space.action(fromText: "3", names: nil), .discrete(3))
    }

    func testNamesCountFromTheSpacesStart() throws {
        let shifted = Space.discrete(try Discrete(3, start: 5))
        XCTAssertEqual(try shifted.action(fromText: "high", names: ["low", "mid", "high"]), .discrete(7))
        XCTAssertEqual(try shifted.action(fromText: "5", names: ["5", "6", "7"]), .discrete(5), "the action named 5 is element 5 here")
    }

    func testAJSONStringFollowsTheRuleAndAJSONNumberIsTheActionItself() throws {
        XCTAssertEqual(try space.action(fromJSON: "5", names: moves), .discrete(10))
        XCTAssertEqual(try space.action(fromJSON: 5, names: moves), .discrete(5))
    }

    func testAnUnknownWordNamesTheClosestActionAndTheActions() {
        XCTAssertThrowsError(try Space.discrete(try Discrete(2)).action(fromText: "rigth", names: ["left", "right"])) {
            XCTAssertEqual("\($0)", "unknown action name 'rigth'; did you mean 'right'? the actions are left, right")
        }
        XCTAssertThrowsError(try space.action(fromText: "up", names: nil)) {
            XCTAssertTrue("\($0)".contains("expected an integer action for Discrete(11), got 'up'"), "\($0)")
        }
    }

    func testOtherSpacesReadANumber() throws {
        XCTAssertEqual(try Space.box(try Box(low: -2, high: 2, shape: [1])).action(fromText: "-1.5", names: nil), .continuous([-1.5]))
        XCTAssertThrowsError(try Space.box(try Box(low: -2, high: 2, shape: [1])).action(fromText: "left", names: nil))
    }
}
