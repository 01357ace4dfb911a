import CGymMath
import Gym

/// A register file for many lanes at once, structure of arrays: register `r` of lane `i` is
/// `registers[r * lanes + i]`. Every instruction then runs over all lanes in one loop, which pays the
/// dispatch once per batch and which the compiler vectorises.
struct BatchRegisters {
    let lanes: Int
    let registerCount: Int
    let registers: UnsafeMutablePointer<Double>
    /// One lane's registers, contiguous, for running a program on one lane (`gather`, `scatter`).
    let lane: UnsafeMutablePointer<Double>
    /// Two rows for the results an instruction cannot write in place (sin, cos).
    let rows: UnsafeMutablePointer<Double>

    /// Every lane starts from `initial` (the constants, parameters and zeros of the compiled layout).
    init(lanes: Int, initial: [Double]) {
        self.lanes = lanes
        registerCount = initial.count
        registers = .allocate(capacity: lanes * initial.count)
        for r in 0..<initial.count { (registers + r * lanes).initialize(repeating: initial[r], count: lanes) }
        lane = .allocate(capacity: initial.count)
        lane.initialize(from: initial, count: initial.count)
        rows = .allocate(capacity: 2 * lanes)
        rows.initialize(repeating: 0, count: 2 * lanes)
    }

    func deallocate() {
        registers.deallocate()
        lane.deallocate()
        rows.deallocate()
    }

    /// Register `r` of every lane.
    @inline(__always) func row(_ r: Int) -> UnsafeMutablePointer<Double> { registers + r * lanes }

    /// Copies lane `i`'s registers into `lane`.
    func gather(_ i: Int) { for r in 0..<registerCount { lane[r] = registers[r * lanes + i] } }
    /// Copies `lane` back into lane `i`'s registers.
    func scatter(_ i: Int) { for r in 0..<registerCount { registers[r * lanes + i] = lane[r] } }
    /// Copies lane `i`'s registers `which` into `lane`.
    func gather(_ i: Int, _ which: UnsafeBufferPointer<Int>) { for r in which { lane[r] = registers[r * lanes + i] } }
    /// Copies registers `which` of `lane` back into lane `i`'s registers.
    func scatter(_ i: Int, _ which: UnsafeBufferPointer<Int>) { for r in which { registers[r * lanes + i] = lane[r] } }
}

/// A program's instructions in memory of their own: each thread's batch runs its own copy, so that
/// threads do not contend for the reference count of one shared array.
struct ProgramCode {
    let code: UnsafeMutableBufferPointer<Instruction>
    /// True when the program jumps (a `?:`, `&&` or `||` whose branches draw random numbers).
    let branches: Bool

    init(_ program: Program) {
        code = .allocate(capacity: program.instructions.count)
        _ = code.initialize(from: program.instructions)
        branches = program.instructions.contains { $0.op == .jump || $0.op == .jumpIfFalse }
    }

    func deallocate() { code.deallocate() }

    var isEmpty: Bool { code.isEmpty }

    /// The registers the code reads (any operand of any instruction: a safe overestimate).
    var reads: Set<Int> { Set(code.flatMap { [Int($0.a), Int($0.b), Int($0.c)] }) }

    /// `Program.run` on one lane's registers.
    func run(_ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        Program.run(UnsafeBufferPointer(code), registers, &rng)
    }

    /// Runs the program on every lane of `batch` whose `skip` entry is false (all when `skip` is nil),
    /// lane `i` drawing from `rngs[i]`. Each lane's results are bit-identical to `Program.run` on that
    /// lane's registers: the same operations in the same order, `gym_sincos_batch` computing what
    /// `gym_sincos` does. Skipped lanes draw nothing; their registers other than constants may change.
    /// A program that branches runs lane by lane.
    func run(_ batch: BatchRegisters, _ rngs: UnsafeMutablePointer<RandomSource>, skip: UnsafePointer<Bool>?) {
        let n = batch.lanes
        if branches {
            for i in 0..<n where skip == nil || !skip![i] {
                batch.gather(i)
                run(batch.lane, &rngs[i])
                batch.scatter(i)
            }
            return
        }
        @inline(__always) func row(_ r: Int32) -> UnsafeMutablePointer<Double> { batch.row(Int(r)) }
        @inline(__always) func ternary(_ i: Instruction, _ f: (Double, Double, Double) -> Double) {
            let d = row(i.dst), a = row(i.a), b = row(i.b), c = row(i.c)
            for k in 0..<n { d[k] = f(a[k], b[k], c[k]) }
        }
        @inline(__always) func draw(_ i: Instruction, _ f: (inout RandomSource, Double, Double) -> Double) {
            let d = row(i.dst), a = row(i.a), b = row(i.b)
            for k in 0..<n where skip == nil || !skip![k] { d[k] = f(&rngs[k], a[k], b[k]) }
        }
        /// sin into row `sine`, cos into row `cosine`, of row `x` (through the scratch rows: any may coincide).
        func sinCos(_ x: Int32, sine: Int32?, cosine: Int32?) {
            let s = batch.rows, c = batch.rows + n
            gym_sincos_batch(row(x), s, c, n)
            if let sine { gym_lanes_move(row(sine), s, n) }
            if let cosine { gym_lanes_move(row(cosine), c, n) }
        }
        for i in code {
            switch i.op {
            // The arithmetic through the lane kernels of gym_lanes.h (vectorised C).
            case .move: gym_lanes_move(row(i.dst), row(i.a), n)
            case .neg: gym_lanes_neg(row(i.dst), row(i.a), n)
            case .abs: gym_lanes_abs(row(i.dst), row(i.a), n)
            case .add: gym_lanes_add(row(i.dst), row(i.a), row(i.b), n)
            case .sub: gym_lanes_sub(row(i.dst), row(i.a), row(i.b), n)
            case .mul: gym_lanes_mul(row(i.dst), row(i.a), row(i.b), n)
            case .div: gym_lanes_div(row(i.dst), row(i.a), row(i.b), n)
            case .lt: gym_lanes_lt(row(i.dst), row(i.a), row(i.b), n)
            case .le: gym_lanes_le(row(i.dst), row(i.a), row(i.b), n)
            case .gt: gym_lanes_gt(row(i.dst), row(i.a), row(i.b), n)
            case .ge: gym_lanes_ge(row(i.dst), row(i.a), row(i.b), n)
            case .eq: gym_lanes_eq(row(i.dst), row(i.a), row(i.b), n)
            case .ne: gym_lanes_ne(row(i.dst), row(i.a), row(i.b), n)
            case .min: gym_lanes_min(row(i.dst), row(i.a), row(i.b), n)
            case .max: gym_lanes_max(row(i.dst), row(i.a), row(i.b), n)
            case .select: gym_lanes_select(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .clip: gym_lanes_clip(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .addMul: gym_lanes_add_mul(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .subMul: gym_lanes_sub_mul(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .mulDiv: gym_lanes_mul_div(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .mulMul: gym_lanes_mul_mul(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .orLt: gym_lanes_or_lt(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .orGt: gym_lanes_or_gt(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .orLe: gym_lanes_or_le(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .orGe: gym_lanes_or_ge(row(i.dst), row(i.a), row(i.b), row(i.c), n)
            case .sin: sinCos(i.a, sine: i.dst, cosine: nil)
            case .cos: sinCos(i.a, sine: nil, cosine: i.dst)
            case .sinCos: sinCos(i.a, sine: i.dst, cosine: i.c)
            case .cosSin: sinCos(i.a, sine: i.c, cosine: i.dst)
            case .normal: draw(i) { $0.normal($1, $2) }
            case .uniform: draw(i) { $0.uniform($1, $2) }
            case .bernoulli: draw(i) { rng, p, _ in rng.bernoulli(p) ? 1 : 0 }
            case .jump, .jumpIfFalse:
                preconditionFailure("a branching program runs lane by lane")
            default:
                // The remaining elementary functions, lane by lane through the scalar code (glibc).
                let op = i.op
                ternary(i) { evaluate(op, $0, $1, $2) }
            }
        }
    }
}
