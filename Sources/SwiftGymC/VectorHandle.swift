import Gym

/// A vector of environments behind the C ABI, with the caller's bound buffers (`sg_vector_bind`).
///
/// Observations reach the caller in their space's natural form, not flattened: Float rows for a `Box`,
/// one Int64 per copy for a `Discrete`, Int64 rows for `MultiDiscrete` and `MultiBinary`.
final class VectorHandle {
    let vector: VectorEnvironment
    /// The names of the copies' discrete actions (their environment's `metadata.actionNames`), or nil.
    let actionNames: [String]?
    let observationForm: ValueForm
    let actionForm: ValueForm

    /// How a space's elements lie in a C buffer.
    enum ValueForm {
        /// `width` Floats (observations) or Doubles (actions) per copy.
        case reals(width: Int)
        /// One Int64 per copy.
        case index
        /// `width` Int64s per copy.
        case integers(width: Int)

        init(_ space: Space) {
            switch space {
            case .box(let box): self = .reals(width: box.size)
            case .discrete: self = .index
            case .multiDiscrete(let s): self = .integers(width: s.nvec.count)
            case .multiBinary(let s): self = .integers(width: s.n)
            }
        }
    }

    private struct Bound {
        var observations: UnsafeMutableRawPointer
        var rewards: UnsafeMutablePointer<Double>
        var terminated: UnsafeMutablePointer<UInt8>
        var truncated: UnsafeMutablePointer<UInt8>
        var finals: UnsafeMutableRawPointer?
    }
    private var bound: Bound?

    init(_ vector: VectorEnvironment, actionNames: [String]?) {
        self.vector = vector
        self.actionNames = actionNames
        observationForm = ValueForm(vector.observationSpace)
        actionForm = ValueForm(vector.actionSpace)
    }

    func bind(observations: UnsafeMutableRawPointer, rewards: UnsafeMutablePointer<Double>, terminated: UnsafeMutablePointer<UInt8>,
              truncated: UnsafeMutablePointer<UInt8>, finals: UnsafeMutableRawPointer?) {
        bound = Bound(observations: observations, rewards: rewards, terminated: terminated, truncated: truncated, finals: finals)
        publish()
    }

    /// Resets the copies `mask` selects, copy `i` with `seeds[i]`.
    func reset(seeds: UnsafePointer<UInt64>?, mask: UnsafePointer<UInt8>?, options: ResetOptions) throws {
        for i in 0..<vector.count where mask.map({ $0[i] != 0 }) ?? true {
            try vector.reset(copy: i, seed: seeds?[i], options: options)
        }
        publish()
    }

    /// Steps every copy with the actions in `actions`, in `actionForm`.
    func step(_ actions: UnsafeRawPointer) throws {
        switch actionForm {
        case .index:
            try vector.step(.indices(actions.assumingMemoryBound(to: Int.self)))
        case .reals(let width):
            try vector.step(.values(actions.assumingMemoryBound(to: Double.self), width: width))
        case .integers(let width):
            let p = actions.assumingMemoryBound(to: Int64.self)
            try vector.step((0..<vector.count).map { i in .integers((0..<width).map { Int(p[i * width + $0]) }) })
        }
        publish()
    }

    /// Copies the vector's results into the bound buffers.
    private func publish() {
        guard let bound else { return }
        let n = vector.count
        bound.rewards.update(from: vector.rewardBuffer.baseAddress!, count: n)
        for i in 0..<n {
            bound.terminated[i] = vector.terminatedBuffer[i] ? 1 : 0
            bound.truncated[i] = vector.truncatedBuffer[i] ? 1 : 0
        }
        write(bound.observations, rows: vector.observationBuffer, observation: vector.observation(at:))
        if let finals = bound.finals, vector.autoresetMode == .sameStep {
            let endedCopies = vector.finalObservations
            write(finals, rows: vector.finalObservationRows) { endedCopies[$0] ?? .discrete(0) }
        }
    }

    /// Writes every copy's observation into `buffer` in `observationForm`: the flat rows for a box, else
    /// each copy's observation.
    private func write(_ buffer: UnsafeMutableRawPointer, rows: UnsafeBufferPointer<Float>, observation: (Int) -> Observation) {
        switch observationForm {
        case .reals:
            buffer.assumingMemoryBound(to: Float.self).update(from: rows.baseAddress!, count: rows.count)
        case .index:
            let out = buffer.assumingMemoryBound(to: Int64.self)
            for i in 0..<vector.count { out[i] = Int64(observation(i).index ?? 0) }
        case .integers(let width):
            let out = buffer.assumingMemoryBound(to: Int64.self)
            for i in 0..<vector.count {
                if case .integers(let v) = observation(i) { for k in 0..<min(width, v.count) { out[i * width + k] = Int64(v[k]) } }
            }
        }
    }
}
