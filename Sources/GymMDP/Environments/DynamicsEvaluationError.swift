/// A dynamics MDP whose expressions produced a value the environment cannot return: a NaN or infinite
/// reward, or an observation that is NaN or infinite where its bound is finite. The file is at fault, not
/// the caller: the state that produced the value is included so the equations can be checked.
public struct DynamicsEvaluationError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Quantity: Equatable, Sendable {
        case reward
        /// The observation at this index, with its expression's source text and declared bounds.
        case observation(index: Int, expression: String, low: Double, high: Double)
    }

    /// The environment id.
    public var environment: String
    public var quantity: Quantity
    public var value: Double
    /// The step count at which it happened (0 for `reset`).
    public var step: Int
    /// The state variables at that moment, in the file's order.
    public var state: [Double]

    public var description: String {
        switch quantity {
        case .reward:
            return "\(environment): the reward evaluated to \(value) at step \(step); state \(state)"
        case .observation(let index, let expression, let low, let high):
            let outside = value.isNaN ? "" : ", outside its declared bounds [\(low), \(high)]"
            return "\(environment): observation \(index) ('\(expression)') evaluated to \(value) at step \(step)\(outside); state \(state)"
        }
    }
}
