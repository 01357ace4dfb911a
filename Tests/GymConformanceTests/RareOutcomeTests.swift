import Foundation
import Gym
import GymConformance
import GymMDP
import GymTabular
import XCTest

/// Jack's car rental (Sutton and Barto, example 4.2) with the one action "wait": two locations of 0...20
/// cars; each day the first rents Poisson(3) and gets Poisson(3) back, the second rents Poisson(4) and gets
/// Poisson(2) back, rentals capped by the cars there and cars by 20. The reward is the expected rental
/// income, 10 per car. From every state hundreds of the 441 next states have expected counts far below 5
/// in 3,000 samples: the case where an unpooled chi-square test fails correct models.
enum CarRental {
    static let maxCars = 20

    /// P(X = k) of Poisson(lambda) for k < n, and P(X >= n - 1) at k = n - 1.
    static func truncatedPoisson(_ lambda: Double, count n: Int) -> [Double] {
        var p = [exp(-lambda)]
        for k in 1..<max(n, 1) { p.append(p[k - 1] * lambda / Double(k)) }
        p[n - 1] += 1 - p.reduce(0, +)
        return p
    }

    /// The distribution of tomorrow's cars at a location with `cars` today, and the expected rentals.
    static func location(_ cars: Int, rentals: Double, returns: Double) -> (next: [Double], expectedRentals: Double) {
        var next = [Double](repeating: 0, count: maxCars + 1), expected = 0.0
        for (rented, p) in truncatedPoisson(rentals, count: cars + 1).enumerated() {
            expected += p * Double(rented)
            let left = cars - rented
            for (back, q) in truncatedPoisson(returns, count: maxCars - left + 1).enumerated() { next[left + back] += p * q }
        }
        return (next, expected)
    }

    /// The model; `firstRentals` is the first location's rental rate (3 in the book).
    static func model(firstRentals: Double = 3) -> TabularModel {
        let side = maxCars + 1
        var builder = TabularModelBuilder(stateCount: side * side, actionCount: 1)
        let first = (0..<side).map { location($0, rentals: firstRentals, returns: 3) }
        let second = (0..<side).map { location($0, rentals: 4, returns: 2) }
        // The reward is the book's in every variant, so that only the probabilities differ.
        let income = (0..<side).map { location($0, rentals: 3, returns: 3).expectedRentals }
        for a in 0..<side {
            for b in 0..<side {
                let reward = 10 * (income[a] + second[b].expectedRentals)
                for x in 0..<side { for y in 0..<side { builder.add(a * side + b, 0, probability: first[a].next[x] * second[b].next[y], next: x * side + y, reward: reward) } }
            }
        }
        // Start: the cars one day after 10 at each location (at the book's rates), another spread of mostly rare states.
        let start = startSpread(firstCars: 10)
        return builder.build(stateNames: (0..<side * side).map { "\($0 / side),\($0 % side)" }, actionNames: ["wait"],
                             terminal: Array(repeating: false, count: side * side), start: start)
    }

    /// The distribution of the cars one day after `firstCars` at the first location and 10 at the second.
    static func startSpread(firstCars: Int) -> [(state: Int, probability: Double)] {
        let side = maxCars + 1
        let first = location(firstCars, rentals: 3, returns: 3).next, second = location(10, rentals: 4, returns: 2).next
        return (0..<side * side).map { (state: $0, probability: first[$0 / side] * second[$0 % side]) }
    }

    static let book = model()
}

/// An environment that samples one model and declares another: a model written down wrong.
final class MisdeclaredModel: ModelledEnvironment {
    let sampled: TabularEnvironment
    let knownModel: TabularModel?

    init(samples truth: TabularModel, declares declared: TabularModel) throws {
        sampled = try TabularEnvironment(model: truth, metadata: EnvironmentMetadata(id: "misdeclared-v0", kind: "test"))
        knownModel = declared
    }

    var observationSpace: Space { sampled.observationSpace }
    var actionSpace: Space { sampled.actionSpace }
    var metadata: EnvironmentMetadata { sampled.metadata }
    var currentState: Int? { sampled.currentState }
    func reset(seed: UInt64?, options: ResetOptions) throws -> (observation: Observation, info: Info) { try sampled.reset(seed: seed, options: options) }
    func observe() throws -> Observation { try sampled.observe() }
    func step(_ action: Action) throws -> Step { try sampled.step(action) }
}

final class RareOutcomeTests: XCTestCase {
    static let stochastics: Set<String> = ["stochastics.transitions", "stochastics.initial-state"]

    /// The failure messages of the goodness-of-fit checks over `seeds`, keyed by check and seed.
    func failures(_ make: () throws -> Environment, seeds: Range<UInt64>) -> [String] {
        seeds.flatMap { seed in
            ConformanceSuite.run(make, configuration: CheckConfiguration(seed: seed), only: RareOutcomeTests.stochastics).compactMap { result in
                if case .failed(let message) = result.outcome { return "\(result.id), seed \(seed): \(message)" }
                return nil
            }
        }
    }

    func testACorrectModelWithManyRareOutcomesPassesForEverySeed() throws {
        let model = CarRental.book
        let rare = model.outcomes(10 * 21 + 10, 0).filter { model.probabilities[$0] * 3000 < 5 }.count
        XCTAssertGreaterThan(rare, 300, "most outcomes must be rare for this test to mean anything")
        // 40 seeds x 2 checks at alpha 0.001 expect 0.08 false failures; 2 or more would have probability < 0.4%.
        let failed = failures({ try TabularEnvironment(model: model, metadata: EnvironmentMetadata(id: "car-rental-v0", kind: "test")) }, seeds: 0..<40)
        XCTAssertLessThanOrEqual(failed.count, 1, failed.joined(separator: "\n"))
    }

    func testAModelWithShiftedProbabilitiesStillFails() throws {
        // The environment rents Poisson(3.5) cars at the first location where the model says Poisson(3).
        let shifted = CarRental.model(firstRentals: 3.5)
        let failed = failures({ try MisdeclaredModel(samples: shifted, declares: CarRental.book) }, seeds: 0..<10)
        XCTAssertEqual(failed.filter { $0.hasPrefix("stochastics.transitions") && $0.contains("do not follow the model's probabilities") }.count, 10,
                       failed.joined(separator: "\n"))
        XCTAssertEqual(failed.filter { $0.hasPrefix("stochastics.initial-state") }.count, 0, failed.joined(separator: "\n"))
    }

    func testTheFailureNamesTheWorstFewOutcomesAndStops() throws {
        let shifted = CarRental.model(firstRentals: 3.5)
        let message = try XCTUnwrap(failures({ try MisdeclaredModel(samples: shifted, declares: CarRental.book) }, seeds: 0..<1).first)
        XCTAssertLessThan(message.count, 700, message)
        XCTAssertTrue(message.contains("do not follow the model's probabilities"), message)
        XCTAssertTrue(message.contains("largest deviations:"), message)
        XCTAssertEqual(message.components(separatedBy: ", expected ").count - 1, 3, "three outcomes named: \(message)")
    }

    func testAWrongStartDistributionWithManyRareStatesStillFails() throws {
        // Declared: the book's start; sampled: the spread one day after 12 cars at the first location, not 10.
        let book = CarRental.book
        var builder = TabularModelBuilder(stateCount: book.stateCount, actionCount: 1)
        for s in 0..<book.stateCount { for k in book.outcomes(s, 0) { builder.add(s, 0, probability: book.probabilities[k], next: book.nextStates[k], reward: book.rewards[k]) } }
        let moved = builder.build(stateNames: book.stateNames, actionNames: book.actionNames, terminal: book.terminal,
                                  start: CarRental.startSpread(firstCars: 12))
        let failed = failures({ try MisdeclaredModel(samples: moved, declares: book) }, seeds: 0..<10)
        XCTAssertEqual(failed.filter { $0.hasPrefix("stochastics.initial-state") && $0.contains("do not follow the start distribution") }.count, 10,
                       failed.joined(separator: "\n"))
        let message = try XCTUnwrap(failed.first { $0.hasPrefix("stochastics.initial-state") })
        XCTAssertLessThan(message.count, 700, message)
    }
}
