/// A value that moves linearly from `start` to `end` over the first `fraction` of `totalSteps`, then
/// stays at `end` (the epsilon schedule of DQN in SB3 and CleanRL).
public struct LinearSchedule: Sendable {
    public var start: Double
    public var end: Double
    public var fraction: Double
    public var totalSteps: Int

    public init(start: Double, end: Double, fraction: Double, totalSteps: Int) {
        self.start = start
        self.end = end
        self.fraction = fraction
        self.totalSteps = totalSteps
    }

    public func value(at step: Int) -> Double {
        let duration = fraction * Double(totalSteps)
        guard duration > 0 else { return end }
        return start + (end - start) * min(1, Double(step) / duration)
    }
}
