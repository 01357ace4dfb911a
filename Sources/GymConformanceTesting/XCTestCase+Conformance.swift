import Gym
import GymConformance
import XCTest

extension XCTestCase {
    /// Runs the conformance suite on environments from `make` and records each failed check as a test
    /// failure with its id and message (like dm_env's `EnvironmentTestMixin`). One line in a test:
    ///
    ///     func testMyEnvironmentConforms() { assertConforms { try MyEnvironment() } }
    public func assertConforms(configuration: CheckConfiguration = CheckConfiguration(), only: Set<String>? = nil,
                               file: StaticString = #filePath, line: UInt = #line, _ make: @escaping () throws -> Environment) {
        for result in ConformanceSuite.run(make, configuration: configuration, only: only) {
            if case .failed(let message) = result.outcome {
                XCTFail("[\(result.id)] \(message)", file: file, line: line)
            }
        }
    }
}
