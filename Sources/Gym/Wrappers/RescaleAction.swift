/// Lets an agent act in `[minAction, maxAction]` (typically [-1, 1]) and maps each element linearly
/// onto the inner `Box` bounds: `low + (a - minAction) * (high - low) / (maxAction - minAction)`.
public final class RescaleAction: StatelessWrapper {
    private let box: Box
    private let space: Space
    public let minAction: Double
    public let maxAction: Double

    /// - Throws: `GymError.invalidArgument` unless the inner action space is a bounded `Box` and `minAction < maxAction`.
    public init(_ inner: Environment, minAction: Double = -1, maxAction: Double = 1) throws {
        guard case .box(let b) = inner.actionSpace, b.isBounded else {
            throw GymError.invalidArgument("RescaleAction needs a bounded Box action space, got \(inner.actionSpace)")
        }
        guard minAction < maxAction else {
            throw GymError.invalidArgument("RescaleAction needs minAction < maxAction, got \(minAction) and \(maxAction)")
        }
        box = b
        self.minAction = minAction
        self.maxAction = maxAction
        space = .box(try Box(low: minAction, high: maxAction, shape: b.shape))
        super.init(inner: inner)
    }

    public override var actionSpace: Space { space }

    /// The inner action that `action` maps to.
    public func innerValues(_ values: [Double]) -> [Double] {
        (0..<values.count).map { i in
            let fraction = (values[i] - minAction) / (maxAction - minAction)
            return min(max(box.low[i] + fraction * (box.high[i] - box.low[i]), box.low[i]), box.high[i])
        }
    }

    public override func step(_ action: Action) throws -> Step {
        try space.validate(action)
        guard case .continuous(let v) = action else { fatalError("validated above") }
        return try inner.step(.continuous(innerValues(v)))
    }
}
