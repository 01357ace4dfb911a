/// The copies of a `VectorEnvironment` that one thread steps: their batch, their buffers, and the
/// autoreset. A part is a heap object of its own, and everything a step reads or writes is in it or in
/// the part's rows, so that threads stepping different parts share no cache line but at the rows'
/// boundaries.
final class VectorPart {
    /// The vector's index of this part's first copy.
    let start: Int
    let batch: EnvironmentBatch
    /// Where this part's steps go: buffers of its own when the vector has several parts, else the
    /// vector's public buffers.
    let buffers: LaneBuffers
    /// The vector's public buffers, when this part has its own (its rows are copied there after each call).
    let published: LaneBuffers?
    /// The vector's infos and final observations, from this part's first copy on.
    let infos: UnsafeMutablePointer<Info>
    let finals: UnsafeMutablePointer<Observation?>
    let mode: AutoresetMode
    let width: Int
    /// The actions of the step in progress, from this part's first copy on; set by the vector.
    var actions = BatchActions.indices(UnsafePointer(bitPattern: 8)!)
    /// The error of the last step, if it threw; taken by the vector.
    var error: Error?

    var count: Int { batch.count }

    init(start: Int, batch: EnvironmentBatch, buffers: LaneBuffers, published: LaneBuffers?, infos: UnsafeMutablePointer<Info>,
         finals: UnsafeMutablePointer<Observation?>, mode: AutoresetMode) {
        self.start = start
        self.batch = batch
        self.buffers = buffers
        self.published = published
        self.infos = infos + start
        self.finals = finals + start
        self.mode = mode
        width = buffers.width
    }

    /// Resets lane `lane`: its row holds its first observation with reward 0, both flags false and its info.
    func reset(lane: Int, seed: UInt64?, options: ResetOptions) throws {
        try resetRow(lane, seed: seed, options: options)
        published?.receive(lane ..< lane + 1, from: buffers, at: start + lane, finals: false)
    }

    private func resetRow(_ lane: Int, seed: UInt64?, options: ResetOptions) throws {
        infos[lane] = try batch.reset(lane: lane, seed: seed, options: options, observation: buffers.observations + lane * width)
        buffers.hasInfo[lane] = !infos[lane].isEmpty
        buffers.rewards[lane] = 0
        buffers.terminated[lane] = false
        buffers.truncated[lane] = false
        buffers.ended[lane] = false
        finals[lane] = nil
    }

    /// Lane `lane`'s snapshot (`EnvironmentBatch.snapshot(lane:phase:)`): running, or ended when it
    /// needs a reset or, in next-step mode, resets on its next step.
    func snapshot(lane: Int) -> EnvironmentSnapshot? {
        batch.snapshot(lane: lane, phase: buffers.ended[lane] ? .ended : .running)
    }

    /// Puts lane `lane` back from a snapshot: its row holds its observation with reward 0, both flags
    /// false and no info, and it needs a reset (or, in next-step mode, resets on its next step) unless
    /// the snapshot's episode is running.
    func restore(lane: Int, _ snapshot: EnvironmentSnapshot) throws {
        let phase = try batch.restore(lane: lane, snapshot, observation: buffers.observations + lane * width)
        infos[lane] = [:]
        buffers.hasInfo[lane] = false
        buffers.rewards[lane] = 0
        buffers.terminated[lane] = false
        buffers.truncated[lane] = false
        buffers.ended[lane] = phase != .running
        finals[lane] = nil
        published?.receive(lane ..< lane + 1, from: buffers, at: start + lane, finals: false)
    }

    /// One step of this part, on whichever thread; an error is kept in `error`.
    func step() {
        do { try stepLanes() } catch { self.error = error }
    }

    /// Steps the batch with `actions`, restarts the copies as `mode` says, and publishes the rows.
    private func stepLanes() throws {
        let n = batch.count
        if mode == .sameStep { for lane in 0..<n where finals[lane] != nil { finals[lane] = nil } }
        try batch.step(actions, skip: buffers.ended, into: buffers.output)
        for lane in 0..<n where buffers.hasInfo[lane] {  // the last call's infos
            infos[lane] = [:]
            buffers.hasInfo[lane] = false
        }
        if batch.hasStepInfos {
            for lane in 0..<n where !buffers.ended[lane] {  // the lanes that stepped
                infos[lane] = batch.stepInfo(lane: lane)
                buffers.hasInfo[lane] = !infos[lane].isEmpty
            }
        }
        switch mode {
        case .nextStep:
            for lane in 0..<n {
                if buffers.ended[lane] { try resetRow(lane, seed: nil, options: .none) }
                else { buffers.ended[lane] = buffers.terminated[lane] || buffers.truncated[lane] }
            }
        case .sameStep:
            for lane in 0..<n where buffers.terminated[lane] || buffers.truncated[lane] {
                let final = batch.observation(lane: lane)
                for k in 0..<width { buffers.finalRows[lane * width + k] = buffers.observations[lane * width + k] }
                let (reward, terminated, truncated) = (buffers.rewards[lane], buffers.terminated[lane], buffers.truncated[lane])
                let info = infos[lane]
                try resetRow(lane, seed: nil, options: .none)
                (buffers.rewards[lane], buffers.terminated[lane], buffers.truncated[lane]) = (reward, terminated, truncated)
                finals[lane] = final
                infos[lane].merge(info) { _, step in step }  // the step's info and the reset's
                buffers.hasInfo[lane] = !infos[lane].isEmpty
            }
        case .disabled:
            for lane in 0..<n { buffers.ended[lane] = buffers.terminated[lane] || buffers.truncated[lane] }
        }
        published?.receive(0 ..< n, from: buffers, at: start, finals: mode == .sameStep)
    }
}
