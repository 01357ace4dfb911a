import CGymMath
import GymRandom

/// What an opcode does, as `Opcode.definition` declares it: how expressions spell it, how many operands
/// it reads, their types and its result's, and its behaviour in the scalar and the batch interpreter.
struct OpcodeDefinition {
    /// `registers[dst] = f(registers[a], registers[b], registers[c])` for one set of registers.
    typealias Scalar = @convention(c) (Double, Double, Double) -> Double
    /// A random draw with the operands `a` and `b` from the `RandomSource` at the first argument. A C
    /// function pointer, like the others, so that the table is plain data the interpreters copy freely.
    typealias Draw = @convention(c) (UnsafeMutableRawPointer, Double, Double) -> Double
    /// Two results of one operand, into the first and the second pointer.
    typealias Pair = @convention(c) (Double, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Void
    /// `Pair` over `n` lanes: `(first, second, operand, n)`; any of the rows may coincide.
    typealias LanePair = @convention(c) (UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, Int) -> Void

    /// How an opcode is written in expression text.
    enum Spelling: Equatable {
        /// A call, `name(arguments)`.
        case function(String)
        /// A binary operator between its operands.
        case infix(String)
        /// A unary operator before its operand.
        case prefix(String)
    }

    /// Plain data (C function pointers and flags): reading it from the table costs no reference counting.
    enum Behaviour {
        /// `registers[dst] = scalar(a, b, c)`: a pure function, folded at compile time when its operands
        /// are constant. Over lanes by the vectorised kernel when there is one, else lane by lane.
        case pure(Scalar, lanes: LaneKernel? = nil)
        /// `registers[dst] = draw(&rng, a, b)`: never folded, and over lanes lane by lane, each from its own generator.
        case draw(Draw)
        /// Two results of `registers[a]`: the first into `dst` and the second into `c` (the other way round
        /// when `swapped`).
        case pair(Pair, lanes: LanePair, swapped: Bool)
        /// Jump to instruction `a` (only when register `b` is 0 if `conditional`).
        case jump(conditional: Bool)
    }

    /// How expressions write it; empty for opcodes only the compiler emits.
    var spellings: [Spelling]
    /// The number of operands it reads (`a`, `b`, `c` in order).
    var arity: Int
    /// The type its operands must have; nil when any type will do as long as they agree (`==`, `!=`).
    var operands: ValueType?
    var result: ValueType
    var behaviour: Behaviour

    init(_ spellings: Spelling..., arity: Int, operands: ValueType? = .number, result: ValueType = .number, _ behaviour: Behaviour) {
        self.spellings = spellings
        self.arity = arity
        self.operands = operands
        self.result = result
        self.behaviour = behaviour
    }

    /// A function of numbers, called by `name`.
    static func function(_ name: String, arity: Int = 1, _ scalar: Scalar, lanes: LaneKernel? = nil) -> OpcodeDefinition {
        OpcodeDefinition(.function(name), arity: arity, .pure(scalar, lanes: lanes))
    }

    /// A comparison of two numbers (or two values of one type when `operands` is nil), 1 when it holds.
    static func comparison(_ symbol: String, _ scalar: Scalar, _ lanes: LaneKernel.Binary, operands: ValueType? = .number) -> OpcodeDefinition {
        OpcodeDefinition(.infix(symbol), arity: 2, operands: operands, result: .boolean, .pure(scalar, lanes: .binary(lanes)))
    }

    static let sincos: Pair = { x, sine, cosine in gym_sincos(x, sine, cosine) }

    /// The generator a `Draw` is handed.
    static func generator(_ raw: UnsafeMutableRawPointer) -> UnsafeMutablePointer<RandomSource> {
        raw.assumingMemoryBound(to: RandomSource.self)
    }

    /// Whether it is a call of a random function (`normal`, `uniform`, `bernoulli`).
    var draws: Bool {
        if case .draw = behaviour { return true } else { return false }
    }

    /// `scalar` when the opcode is a pure function.
    var scalar: Scalar? {
        if case .pure(let scalar, _) = behaviour { return scalar } else { return nil }
    }
}

/// A vectorised kernel of gym_lanes.h: element `i` of the destination row is the operation on element `i`
/// of the operand rows. The destination may be one of the operands.
enum LaneKernel {
    typealias Unary = @convention(c) (UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, Int) -> Void
    typealias Binary = @convention(c) (UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, Int) -> Void
    typealias Ternary = @convention(c) (UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
                                        UnsafePointer<Double>?, Int) -> Void
    case unary(Unary)
    case binary(Binary)
    case ternary(Ternary)

    @inline(__always)
    func run(_ d: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ n: Int) {
        switch self {
        case .unary(let kernel): kernel(d, a, n)
        case .binary(let kernel): kernel(d, a, b, n)
        case .ternary(let kernel): kernel(d, a, b, c, n)
        }
    }
}

/// The definitions flattened for the interpreters, indexed by `Opcode.rawValue`, built once.
enum OpcodeTable {
    static let definitions: [OpcodeDefinition] = Opcode.allCases.map(\.definition)

    /// The scalar function of each pure opcode, nil for the others: the scalar interpreter's one load and call.
    static let scalars: UnsafePointer<OpcodeDefinition.Scalar?> = {
        let table = UnsafeMutablePointer<OpcodeDefinition.Scalar?>.allocate(capacity: 256)
        table.initialize(repeating: nil, count: 256)
        for op in Opcode.allCases { table[Int(op.rawValue)] = definitions[Int(op.rawValue)].scalar }
        return UnsafePointer(table)
    }()

    /// The behaviour of each opcode, for the interpreters' dispatch.
    static let behaviours: UnsafePointer<OpcodeDefinition.Behaviour> = {
        let table = UnsafeMutablePointer<OpcodeDefinition.Behaviour>.allocate(capacity: definitions.count)
        table.initialize(from: definitions.map(\.behaviour), count: definitions.count)
        return UnsafePointer(table)
    }()

    /// The opcode spelled as the function `name`.
    static let functions: [String: Opcode] = spelled { if case .function(let name) = $0 { name } else { nil } }
    /// The opcode spelled as the binary operator `symbol`.
    static let infixOperators: [String: Opcode] = spelled { if case .infix(let symbol) = $0 { symbol } else { nil } }
    /// The opcode spelled as the unary operator `symbol`.
    static let prefixOperators: [String: Opcode] = spelled { if case .prefix(let symbol) = $0 { symbol } else { nil } }

    private static func spelled(_ text: (OpcodeDefinition.Spelling) -> String?) -> [String: Opcode] {
        var result: [String: Opcode] = [:]
        for op in Opcode.allCases {
            for spelling in definitions[Int(op.rawValue)].spellings { if let key = text(spelling) { result[key] = op } }
        }
        return result
    }
}

extension Opcode {
    /// The definition from the table built once (`definition` builds it afresh).
    var declared: OpcodeDefinition { OpcodeTable.definitions[Int(rawValue)] }
}
