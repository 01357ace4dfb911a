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

    /// Copies the results of copies `range` (indices into these buffers) to `other`, from index `offset` on;
    /// the final observation rows only when `finals`.
    ///
    /// Never inlined: inlined into a throwing function as its last statement, the copy becomes a tail call
    /// to memmove that Swift 6.3's code generator gets wrong (the error register is left holding a
    /// pointer, and the caller sees a phantom error: swiftlang/swift#90477). A call to a Swift function is
    /// never made a tail call there.
    @inline(never)
    func copy(_ range: Range<Int>, to other: LaneBuffers, at offset: Int, finals: Bool) {
        guard !range.isEmpty else { return }
        let n = range.count, first = range.lowerBound
        (other.observations + offset * width).update(from: observations + first * width, count: n * width)
        if finals { (other.finalRows + offset * width).update(from: finalRows + first * width, count: n * width) }
        (other.rewards + offset).update(from: rewards + first, count: n)
        (other.terminated + offset).update(from: terminated + first, count: n)
        (other.truncated + offset).update(from: truncated + first, count: n)
    }
}
