/// A register file for many lanes at once, structure of arrays: register `r` of lane `i` is
/// `registers[r * lanes + i]`. Every instruction then runs over all lanes in one loop, which pays the
/// dispatch once per batch and which the compiler vectorises.
///
/// The memory is the caller's to free, with `deallocate()`, once no program runs on it.
public struct BatchRegisters {
    public let lanes: Int
    public let registerCount: Int
    public let registers: UnsafeMutablePointer<Double>
    /// One lane's registers, contiguous, for running a program on one lane (`gather`, `scatter`).
    public let lane: UnsafeMutablePointer<Double>

    /// Every lane starts from `initial` (the constants, parameters and zeros of the compiled layout).
    public init(lanes: Int, initial: [Double]) {
        self.lanes = lanes
        registerCount = initial.count
        registers = .allocate(capacity: lanes * initial.count)
        for r in 0..<initial.count { (registers + r * lanes).initialize(repeating: initial[r], count: lanes) }
        lane = .allocate(capacity: initial.count)
        lane.initialize(from: initial, count: initial.count)
    }

    public func deallocate() {
        registers.deallocate()
        lane.deallocate()
    }

    /// Register `r` of every lane.
    @inlinable @inline(__always)
    public func row(_ r: Int) -> UnsafeMutablePointer<Double> { registers + r * lanes }

    /// Copies lane `i`'s registers into `lane`.
    public func gather(_ i: Int) { for r in 0..<registerCount { lane[r] = registers[r * lanes + i] } }
    /// Copies `lane` back into lane `i`'s registers.
    public func scatter(_ i: Int) { for r in 0..<registerCount { registers[r * lanes + i] = lane[r] } }
    /// Copies lane `i`'s registers `which` into `lane`.
    public func gather(_ i: Int, _ which: UnsafeBufferPointer<Int>) { for r in which { lane[r] = registers[r * lanes + i] } }
    /// Copies registers `which` of `lane` back into lane `i`'s registers.
    public func scatter(_ i: Int, _ which: UnsafeBufferPointer<Int>) { for r in which { registers[r * lanes + i] = lane[r] } }
}
