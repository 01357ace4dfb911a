import GymRandom

/// A program's instructions in memory of their own, run on one lane or on every lane of a
/// ``BatchRegisters``: each thread's batch runs its own copy, so that threads do not contend for the
/// reference count of one shared array. Free it with `deallocate()`.
public struct ProgramCode {
    let code: UnsafeMutableBufferPointer<Instruction>
    /// True when the program jumps (a `?:`, `&&` or `||` whose branches draw random numbers).
    let branches: Bool

    public init(_ program: Program) {
        code = .allocate(capacity: program.instructions.count)
        _ = code.initialize(from: program.instructions)
        branches = program.instructions.contains { $0.op == .jump || $0.op == .jumpIfFalse }
    }

    public func deallocate() { code.deallocate() }

    /// Whether there is no instruction to run.
    public var isEmpty: Bool { code.isEmpty }

    /// The registers the code reads (any operand of any instruction: a safe overestimate).
    public var reads: Set<Int> { Set(code.flatMap { [Int($0.a), Int($0.b), Int($0.c)] }) }

    /// `Program.run` on one lane's registers.
    public func run(_ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        Program.run(UnsafeBufferPointer(code), registers, &rng)
    }

    /// Runs the program on every lane of `batch` whose `skip` entry is false (all when `skip` is nil),
    /// lane `i` drawing from `rngs[i]`. Each lane's results are bit-identical to `Program.run` on that
    /// lane's registers: the same operations in the same order, each opcode's lane kernel computing what
    /// its scalar function does. Skipped lanes draw nothing; their registers other than constants may
    /// change. A program that branches runs lane by lane.
    public func run(_ batch: BatchRegisters, _ rngs: UnsafeMutablePointer<RandomSource>, skip: UnsafePointer<Bool>?) {
        if branches {
            for i in 0..<batch.lanes where skip == nil || !skip![i] {
                batch.gather(i)
                run(batch.lane, &rngs[i])
                batch.scatter(i)
            }
            return
        }
        let behaviours = OpcodeTable.behaviours
        for i in code { Self.run(i, behaviours[Int(i.op.rawValue)], batch, rngs, skip: skip) }
    }

    /// One instruction over every lane.
    @inline(__always)
    private static func run(_ i: Instruction, _ behaviour: OpcodeDefinition.Behaviour, _ batch: BatchRegisters,
                            _ rngs: UnsafeMutablePointer<RandomSource>, skip: UnsafePointer<Bool>?) {
        let n = batch.lanes
        let d = batch.row(Int(i.dst)), a = batch.row(Int(i.a)), b = batch.row(Int(i.b)), c = batch.row(Int(i.c))
        switch behaviour {
        case .pure(_, .some(let kernel)):
            kernel.run(d, a, b, c, n)
        case .pure(let scalar, nil):
            // The elementary functions without a kernel, lane by lane through the scalar code (glibc).
            for k in 0..<n { d[k] = scalar(a[k], b[k], c[k]) }
        case .draw(let draw):
            for k in 0..<n where skip == nil || !skip![k] { d[k] = draw(rngs + k, a[k], b[k]) }
        case .pair(_, let lanes, let swapped):
            if swapped { lanes(c, d, a, n) } else { lanes(d, c, a, n) }
        case .jump:
            preconditionFailure("a branching program runs lane by lane")
        }
    }
}
