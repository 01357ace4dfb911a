import Foundation
import Gym
import GymExpressions

/// The compiled form of a `dynamics` MDP: register layout and programs.
public struct DynamicsModel: Sendable {
    public var stateNames: [String]
    /// Discrete action names, or nil for continuous actions.
    public var discreteActions: [String]?
    /// Continuous action component names and bounds.
    public var continuousActions: (names: [String], low: [Double], high: [Double])?
    public var observationLow: [Double]
    public var observationHigh: [Double]
    public var initialRegisters: [Double]
    /// Draws the initial state into registers `0 ..< stateCount`.
    public var initProgram: Program
    /// One step: lets, next state, reward and terminated.
    public var stepProgram: Program
    /// The observation of the current state (deterministic, no random draws).
    public var observationProgram: Program
    public var actionBase: Int
    public var timeRegister: Int
    public var rewardRegister: Int
    public var terminatedRegister: Int
    public var observationBase: Int
    /// The register each observation component is read from.
    public var observationSources: [Int]
    public var usesRandomness: Bool
    /// The expression texts of the observation, for error messages.
    public var observationExpressions: [String]
    /// The compiled `render` section; nil when the file has none.
    var drawing: DynamicsPictureTemplate?

    public var stateCount: Int { stateNames.count }
    public var observationCount: Int { observationLow.count }
}

extension DynamicsModel {
    /// The state an `initialState` reset option asks for: an array of `stateCount` finite numbers.
    /// - Throws: `GymError.invalidArgument`, naming `environment` and the expected order.
    func initialState(_ value: JSONValue, environment: String) throws -> [Double] {
        let values = value.arrayValue?.compactMap(\.doubleValue) ?? []
        guard values.count == stateCount, value.arrayValue?.count == stateCount, values.allSatisfy(\.isFinite) else {
            throw GymError.invalidArgument("\(environment): the initial state must be an array of \(stateCount) finite numbers "
                + "in the order \(stateNames.joined(separator: ", ")), got \(value)")
        }
        return values
    }

    /// The text picture of a state: each variable's name and value.
    func text(of state: [Double]) -> String { zip(stateNames, state).map { "\($0) = \($1)" }.joined(separator: "  ") }

    /// The drawing of a state from the file's `render` section; without one, the state variables' values.
    func picture(of state: [Double]) -> Picture {
        if let drawing { return drawing.picture(of: state) }
        var picture = Picture(width: 360, height: 24 * Double(stateCount) + 16)
        for (i, (name, value)) in zip(stateNames, state).enumerated() {
            picture.shapes.append(PictureShape(.text(x: 16, y: 28 + 24 * Double(i), "\(name) = \(String(format: "%.6g", value))", size: 15, anchor: .start),
                                               fill: .black))
        }
        return picture
    }

    @inline(__always)
    /// Whether `x` may be observation `i`: a number that, as the Float the observation holds, lies within
    /// the declared bounds (as `Box` tests them), so that no observation leaves the observation space.
    func admits(_ x: Double, asObservation i: Int) -> Bool {
        let value = Float(x)
        return value >= Float(observationLow[i]) && value <= Float(observationHigh[i])
    }
}

