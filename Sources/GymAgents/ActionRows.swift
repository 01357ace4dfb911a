import Gym

/// Every copy's action for one step of a vector, held as the vector reads them (`BatchActions`), so that
/// no action is boxed into an `Action` between the agent and the environment: an index per copy for a
/// Discrete action space, a row of the box's values per copy for a Box, `Action` values for any other space.
///
/// The `Trainer` owns one for the whole run; an agent's `act(rows:count:into:)` writes it and its `learn`
/// reads it back from the `VectorTransition`.
///
/// ```swift
/// var actions = ActionRows(count: vector.count, space: vector.actionSpace)
/// agent.act(rows: Array(vector.observationBuffer), count: vector.count, into: &actions)
/// try actions.step(vector)
/// ```
public struct ActionRows {
    /// How the actions are held.
    public enum Form: Equatable { case indices, values(width: Int), general }

    public let count: Int
    public let form: Form
    /// With `.indices`, copy `i`'s action index at `i`.
    public var indices: [Int]
    /// With `.values(width:)`, copy `i`'s action values at `i * width ..< (i + 1) * width`.
    public var values: [Double]
    /// With `.general`, copy `i`'s action at `i`.
    public var general: [Action]

    /// `count` actions for `space`: indices for a Discrete space, value rows for a Box, `Action` values
    /// otherwise; all zero (or `space`'s first action) until written.
    public init(count: Int, space: Space) {
        switch space {
        case .discrete: self.init(count: count, form: .indices)
        case .box(let box): self.init(count: count, form: .values(width: box.size))
        default: self.init(count: count, form: .general)
        }
    }

    /// One action, in the form its kind asks for: an index, a row of values, or itself.
    public init(_ action: Action) {
        switch action {
        case .discrete(let i): self.init(count: 1, form: .indices); indices[0] = i
        case .continuous(let v): self.init(count: 1, form: .values(width: v.count)); values = v
        default: self.init(count: 1, form: .general); general[0] = action
        }
    }

    /// `count` actions held in `form`, all zero until written.
    public init(count: Int, form: Form) {
        self.count = count
        self.form = form
        indices = form == .indices ? Array(repeating: 0, count: count) : []
        if case .values(let width) = form { values = Array(repeating: 0, count: count * width) } else { values = [] }
        general = form == .general ? Array(repeating: .discrete(0), count: count) : []
    }

    /// The width of a row of values (0 unless `.values`).
    public var width: Int { if case .values(let width) = form { return width } else { return 0 } }

    /// Copy `i`'s action as an `Action`.
    public func action(_ i: Int) -> Action {
        switch form {
        case .indices: return .discrete(indices[i])
        case .values(let width): return .continuous(Array(values[(i * width)..<((i + 1) * width)]))
        case .general: return general[i]
        }
    }

    /// Sets copy `i`'s action; an action not of this form is kept as it is only in `.general` form.
    /// - Precondition: `action` is of this form (an index for `.indices`, `width` values for `.values`).
    public mutating func set(_ i: Int, _ action: Action) {
        switch form {
        case .indices: indices[i] = action.index!
        case .values: set(i, values: action.values!)
        case .general: general[i] = action
        }
    }

    /// Sets copy `i`'s row of action values (`.values` form).
    public mutating func set(_ i: Int, values row: [Double]) {
        let width = self.width
        precondition(row.count == width, "a row of \(width) action values, got \(row.count)")
        for k in 0..<width { values[i * width + k] = row[k] }
    }

    /// Steps `vector` (of `count` copies) with these actions, from these buffers.
    /// - Throws: `GymError.invalidArgument` for a vector of another number of copies; as `VectorEnvironment.step(_:)`.
    public func step(_ vector: VectorEnvironment) throws {
        guard vector.count == count else {
            throw GymError.invalidArgument("VectorEnvironment.step needs \(vector.count) actions, got \(count)")
        }
        switch form {
        case .indices: try indices.withUnsafeBufferPointer { try vector.step(.indices($0.baseAddress!)) }
        case .values(let width): try values.withUnsafeBufferPointer { try vector.step(.values($0.baseAddress!, width: width)) }
        case .general: try general.withUnsafeBufferPointer { try vector.step(.general($0.baseAddress!)) }
        }
    }
}
