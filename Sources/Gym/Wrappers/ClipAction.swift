/// Clips continuous actions into the inner `Box` action space, for agents whose outputs may overshoot.
///
/// Contract: the wrapper's action space is the unbounded box of the same shape; any finite action of
/// the right length is clipped element-wise into the inner bounds. NaN, infinities and wrong lengths
/// are still rejected with `GymError.invalidAction`: clipping never hides a broken action.
public final class ClipAction: StatelessWrapper {
    private let box: Box
    private let space: Space

    public init(_ inner: Environment) throws {
        guard case .box(let b) = inner.actionSpace else {
            throw GymError.invalidArgument("ClipAction needs a Box action space, got \(inner.actionSpace)")
        }
        box = b
        space = .box(try Box(low: -.infinity, high: .infinity, shape: b.shape))
        super.init(inner: inner)
    }

    public override var actionSpace: Space { space }

    public override func step(_ action: Action) throws -> Step {
        guard case .continuous(let v) = action, v.count == box.size else {
            throw GymError.invalidAction("invalid action \(action): ClipAction expects \(box.size) numbers (action space \(box))")
        }
        if let i = v.firstIndex(where: { !$0.isFinite }) {
            throw GymError.invalidAction("invalid action \(action): element \(i) is \(v[i]); ClipAction clips only finite numbers")
        }
        return try inner.step(.continuous(box.clip(v)))
    }
}
