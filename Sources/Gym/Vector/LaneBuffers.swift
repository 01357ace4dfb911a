/// The per-copy results of a range of a vector's copies: rows of observations, rewards, flags, and the
/// vector's own bookkeeping. A vector's public buffers are one `LaneBuffers` for all copies; when a step is
/// split across threads, each thread's batch writes into buffers of its own, aligned to cache lines, and
/// copies its rows into the public ones once at the end (threads writing neighbouring flags of one
/// buffer would take the cache line from each other on every write).
struct LaneBuffers {
    let count: Int
    let width: Int
    let observations: UnsafeMutablePointer<Float>
    /// Same-step mode: the final observation rows of copies whose episode ended on the last step.
    let finalRows: UnsafeMutablePointer<Float>
    let rewards: UnsafeMutablePointer<Double>
    let terminated: UnsafeMutablePointer<Bool>
    let truncated: UnsafeMutablePointer<Bool>
    /// Next-step mode: copies that reset on their next step. Other modes: copies that need a reset. Also
    /// the `skip` list of the batch.
    let ended: UnsafeMutablePointer<Bool>
    /// Copies whose info (kept by the vector) is not empty.
    let hasInfo: UnsafeMutablePointer<Bool>

    init(count: Int, width: Int) {
        func make<T>(_ value: T, _ n: Int) -> UnsafeMutablePointer<T> {
            let bytes = (max(1, n) * MemoryLayout<T>.stride + 63) / 64 * 64
            let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64).bindMemory(to: T.self, capacity: max(1, n))
            p.initialize(repeating: value, count: n)
            return p
        }
        self.count = count
        self.width = width
        observations = make(0, count * width)
        finalRows = make(0, count * width)
        rewards = make(0, count)
        terminated = make(false, count)
        truncated = make(false, count)
        ended = make(true, count)
        hasInfo = make(false, count)
    }

    func deallocate() {
        observations.deallocate()
        finalRows.deallocate()
        rewards.deallocate()
        terminated.deallocate()
        truncated.deallocate()
        ended.deallocate()
        hasInfo.deallocate()
    }

    /// Where a batch writes a step.
    var output: BatchOutput {
        BatchOutput(observations: observations, rewards: rewards, terminated: terminated, truncated: truncated, observationWidth: width)
    }

    /// Copies the rows `range` of `source` into these buffers, from row `offset` on; the final observation
    /// rows only when `finals`.
    ///
    /// Never inlined: inlined into a throwing function as its last statement, the copy becomes a tail call
    /// to memmove that Swift 6.3's code generator gets wrong (the error register is left holding a
    /// pointer, and the caller sees a phantom error: swiftlang/swift#90477). A call to a Swift function is
    /// never made a tail call there.
    @inline(never)
    func receive(_ range: Range<Int>, from source: LaneBuffers, at offset: Int, finals: Bool) {
        guard !range.isEmpty else { return }
        let n = range.count, first = range.lowerBound
        (observations + offset * width).update(from: source.observations + first * width, count: n * width)
        if finals { (finalRows + offset * width).update(from: source.finalRows + first * width, count: n * width) }
        (rewards + offset).update(from: source.rewards + first, count: n)
        (terminated + offset).update(from: source.terminated + first, count: n)
        (truncated + offset).update(from: source.truncated + first, count: n)
    }
}
