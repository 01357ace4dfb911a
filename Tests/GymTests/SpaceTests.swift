import XCTest
import Gym

final class SpaceTests: XCTestCase {
    func testDiscreteContainsExactlyItsRange() throws {
        let space = Space.discrete(try Discrete(3, start: 1))
        XCTAssertFalse(space.contains(Action.discrete(0)))
        XCTAssertTrue(space.contains(Action.discrete(1)))
        XCTAssertTrue(space.contains(Action.discrete(3)))
        XCTAssertFalse(space.contains(Action.discrete(4)))
        XCTAssertFalse(space.contains(Action.continuous([1])))
        XCTAssertThrowsError(try space.validate(.discrete(4))) { error in
            XCTAssertEqual("\(error)", "invalid action 4: 4 is outside 1...3 (action space Discrete(3, start: 1))")
        }
    }

    func testDiscreteRejectsNonPositiveSize() {
        XCTAssertThrowsError(try Discrete(0))
    }

    func testBoxRejectsNaNInfinityWrongLengthAndOutOfBounds() throws {
        let space = Space.box(try Box(low: [-1, 0], high: [1, 2]))
        XCTAssertTrue(space.contains(Action.continuous([0.5, 2])))
        XCTAssertFalse(space.contains(Action.continuous([.nan, 1])))
        XCTAssertFalse(space.contains(Action.continuous([.infinity, 1])))
        XCTAssertFalse(space.contains(Action.continuous([0])))
        XCTAssertFalse(space.contains(Action.continuous([1.0000001, 1])))
        XCTAssertThrowsError(try space.validate(.continuous([.nan, 1]))) { error in
            XCTAssertTrue("\(error)".contains("element 0 is NaN"), "\(error)")
        }
    }

    func testBoxComparesObservationsWithFloatRoundedBounds() throws {
        let space = Space.box(try Box(low: -4.8, high: 4.8, shape: [1]))
        XCTAssertTrue(space.contains(Observation.vector([Float(4.8)])))
        XCTAssertFalse(space.contains(Observation.vector([4.81])))
    }

    func testBoxRejectsInvertedBoundsAndMismatchedShapes() {
        XCTAssertThrowsError(try Box(low: [1], high: [0]))
        XCTAssertThrowsError(try Box(low: [0, 0], high: [1, 1], shape: [3]))
    }

    func testSeededSamplesAreReproducibleAndContained() throws {
        let spaces: [Space] = [
            .discrete(try Discrete(5, start: -2)),
            .box(try Box(low: [-2, -.infinity, 0, -.infinity], high: [2, 0, .infinity, .infinity])),
            .multiDiscrete(try MultiDiscrete([2, 3, 4])),
            .multiBinary(try MultiBinary(6)),
        ]
        for space in spaces {
            var a = RandomSource(seed: 9), b = RandomSource(seed: 9)
            for _ in 0..<1000 {
                let action = space.sampleAction(using: &a)
                XCTAssertEqual(action, space.sampleAction(using: &b))
                XCTAssertTrue(space.contains(action), "\(space) sampled \(action)")
                XCTAssertTrue(space.contains(space.sampleObservation(using: &a)))
                _ = space.sampleObservation(using: &b)
            }
        }
    }

    func testSpaceSamplerSeedRestartsTheSequence() throws {
        let sampler = SpaceSampler(.discrete(try Discrete(100)), seed: 5)
        let first = (0..<10).map { _ in sampler.sampleAction() }
        sampler.seed(5)
        XCTAssertEqual(first, (0..<10).map { _ in sampler.sampleAction() })
    }

    func testFlattenIsOneHotForDiscreteParts() throws {
        XCTAssertEqual(Space.discrete(try Discrete(4, start: 1)).flatten(.discrete(2)), [0, 1, 0, 0])
        XCTAssertEqual(Space.multiDiscrete(try MultiDiscrete([2, 3])).flatten(.integers([1, 2])), [0, 1, 0, 0, 1])
        XCTAssertEqual(Space.multiBinary(try MultiBinary(3)).flatten(.integers([1, 0, 1])), [1, 0, 1])
        XCTAssertEqual(Space.box(try Box(low: 0, high: 1, shape: [2, 1])).flatten(.vector([0.25, 0.5])), [0.25, 0.5])
    }

    func testJSONDescriptionRoundTrips() throws {
        let spaces: [Space] = [
            .discrete(try Discrete(5, start: 2)),
            .box(try Box(low: [-.infinity, 0, -1, 0], high: [.infinity, 1, 1, 3], shape: [2, 2])),
            .multiDiscrete(try MultiDiscrete([2, 3])),
            .multiBinary(try MultiBinary(4)),
        ]
        for space in spaces {
            XCTAssertEqual(try Space(json: space.json), space)
        }
        XCTAssertEqual(Space.discrete(try Discrete(4)).json.encoded(), #"{"n":4,"start":0,"type":"Discrete"}"#)
    }

    func testUnknownSpaceTypeIsAnError() {
        XCTAssertThrowsError(try Space(json: ["type": "Tuple"])) { error in
            XCTAssertTrue("\(error)".contains("unknown space type 'Tuple'"))
        }
    }
}

final class SpaceJSONActionTests: XCTestCase {
    func testActionNamesCountFromTheSpacesStart() throws {
        let space = Space.discrete(try Discrete(3, start: 5))
        let names = ["low", "mid", "high"]
        XCTAssertEqual(try space.action(fromJSON: "mid", names: names), .discrete(6))
        XCTAssertEqual(try space.action(fromJSON: 7, names: names), .discrete(7))
        XCTAssertEqual(space.name(of: .discrete(5), names: names), "low")
        XCTAssertEqual(space.name(of: .discrete(7), names: names), "high")
        XCTAssertNil(space.name(of: .discrete(8), names: names), "an action outside the names has none, not a crash")
        XCTAssertNil(space.name(of: .discrete(0), names: names))
        XCTAssertThrowsError(try space.action(fromJSON: "top", names: names)) { XCTAssertTrue("\($0)".contains("unknown action name 'top'")) }
    }

    func testBoxAndMultiDiscreteActionsFromJSON() throws {
        XCTAssertEqual(try Space.box(try Box(low: -1, high: 1, shape: [1])).action(fromJSON: 0.5, names: nil), .continuous([0.5]))
        XCTAssertEqual(try Space.multiDiscrete(try MultiDiscrete([2, 3])).action(fromJSON: [1, 2], names: nil), .integers([1, 2]))
        XCTAssertThrowsError(try Space.multiDiscrete(try MultiDiscrete([2, 3])).action(fromJSON: 1, names: nil))
    }
}
