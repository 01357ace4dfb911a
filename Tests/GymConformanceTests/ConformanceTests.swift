import Gym
import GymConformance
import GymConformanceTesting
import GymMDP
import XCTest

final class ConformanceTests: XCTestCase {
    /// Each broken environment and the one check that must catch it.
    static let expectations: [(Bug, String)] = [
        (.observationOutsideSpace, "spaces.observations"),
        (.reseedIgnored, "determinism.reseed"),
        (.globalGenerator, "determinism.same-seed"),
        (.stepAfterTerminalAllowed, "api.step-after-end"),
        (.stepBeforeResetAllowed, "api.step-before-reset"),
        (.outOfRangeActionAccepted, "api.bad-actions"),
        (.timeLimitIgnored, "api.time-limit"),
        (.probabilitiesDiffer, "stochastics.transitions"),
        (.rewardDiffersFromModel, "model.consistency"),
        (.observeMutatesState, "api.observe"),
        (.pictureMutatesState, "api.render"),
        (.bothFlags, "api.rewards"),
        (.initialDistributionWrong, "stochastics.initial-state"),
        (.terminalDoesNotEnd, "model.consistency"),
        (.randomnessUndeclared, "determinism.seeds-differ"),
        (.nanActionAccepted, "api.bad-actions"),
        (.actionSilentlyClipped, "api.bad-actions"),
        (.nonFiniteReward, "api.rewards"),
    ]

    static func factory(_ bug: Bug) -> () throws -> Environment {
        switch bug {
        case .nanActionAccepted, .actionSilentlyClipped, .nonFiniteReward: return { ProbeLine(bug) }
        default: return { ProbeChain(bug) }
        }
    }

    func failures(_ make: () throws -> Environment) -> [String: String] {
        var result: [String: String] = [:]
        for r in ConformanceSuite.run(make) { if case .failed(let message) = r.outcome { result[r.id] = message } }
        return result
    }

    func testTheCorrectProbesPassEverything() {
        XCTAssertEqual(failures { ProbeChain() }, [:])
        XCTAssertEqual(failures { ProbeLine() }, [:])
    }

    func testEachBrokenEnvironmentFailsExactlyItsCheck() {
        XCTAssertGreaterThanOrEqual(ConformanceTests.expectations.count, 12)
        for (bug, check) in ConformanceTests.expectations {
            let failed = failures(ConformanceTests.factory(bug))
            XCTAssertEqual(Set(failed.keys), [check], "\(bug): expected only \(check) to fail, got \(failed)")
        }
    }

    func testFailureMessagesArePrecise() {
        XCTAssertEqual(failures { ProbeChain(.observationOutsideSpace) }["spaces.observations"]?.contains("observation 7"), true)
        XCTAssertEqual(failures { ProbeChain(.stepBeforeResetAllowed) }["api.step-before-reset"], "step before reset was accepted")
        let nan = failures { ProbeLine(.nanActionAccepted) }["api.bad-actions"] ?? ""
        XCTAssertTrue(nan.contains("(NaN) was accepted"), nan)
        let transitions = failures { ProbeChain(.probabilitiesDiffer) }["stochastics.transitions"] ?? ""
        XCTAssertTrue(transitions.contains("do not follow the model's probabilities"), transitions)
    }

    func testVerdictsAreReproducibleForASeed() {
        let a = ConformanceSuite.run({ ProbeChain(.probabilitiesDiffer) }, configuration: CheckConfiguration(seed: 5)).map(\.outcome)
        let b = ConformanceSuite.run({ ProbeChain(.probabilitiesDiffer) }, configuration: CheckConfiguration(seed: 5)).map(\.outcome)
        XCTAssertEqual(a, b)
    }

    func testEveryShippedEnvironmentPassesEverything() throws {
        Environments.registerLoaders()
        Registry.shared.discover()
        XCTAssertGreaterThanOrEqual(Registry.shared.ids.count, 13)
        for id in Registry.shared.ids {
            if try Registry.shared.spec(id).isMultiAgent {
                let results = MultiAgentConformance.run { try Registry.shared.makeMultiAgent(id) }
                XCTAssertEqual(results.filter { $0.outcome != .passed }.map(\.id), [], id)
                XCTAssertEqual(results.count, MultiAgentConformance.checkIDs.count)
            } else {
                XCTAssertEqual(failures(try ConformanceSuite.standardFactory(id)), [:], id)
            }
        }
    }

    func testTheXCTestHelperRunsTheSuite() {
        assertConforms { ProbeChain() }
    }
}
