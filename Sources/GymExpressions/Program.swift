import GymRandom

/// A compiled sequence of instructions over a register file of Doubles.
///
/// Programs come from ``ExpressionCompiler``; the registers a program reads and writes are the
/// compiler's layout (``ExpressionCompiler/initialRegisters`` gives their starting values).
public struct Program: Sendable {
    public var instructions: [Instruction] = []

    public init() {}

    /// Runs the program on `registers`, drawing random numbers from `rng` in instruction order.
    ///
    /// `registers` must hold at least as many values as the compiler's `initialRegisters`. The same
    /// registers and generator state give the same results, bit for bit, on every x86-64 processor.
    @inline(__always)
    public func run(_ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        instructions.withUnsafeBufferPointer { Program.run($0, registers, &rng) }
    }

    /// Runs the instructions `code` on `registers` (`run(_:_:)`, for code held outside an array).
    ///
    /// A pure opcode is one load of its scalar function from the opcode table and one call; the others
    /// (draws, pairs, jumps) go through `perform`.
    static func run(_ code: UnsafeBufferPointer<Instruction>, _ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource) {
        let scalars = OpcodeTable.scalars
        var pc = 0
        let count = code.count
        while pc < count {
            let i = code[pc]
            pc += 1
            if let scalar = scalars[Int(i.op.rawValue)] {
                registers[Int(i.dst)] = scalar(registers[Int(i.a)], registers[Int(i.b)], registers[Int(i.c)])
            } else {
                perform(i, registers, &rng, &pc)
            }
        }
    }

    /// One instruction whose opcode is not a pure function.
    private static func perform(_ i: Instruction, _ registers: UnsafeMutablePointer<Double>, _ rng: inout RandomSource, _ pc: inout Int) {
        let d = Int(i.dst), a = Int(i.a), b = Int(i.b), c = Int(i.c)
        switch OpcodeTable.behaviours[Int(i.op.rawValue)] {
        case .pure(let scalar, _): registers[d] = scalar(registers[a], registers[b], registers[c])
        case .draw(let draw): registers[d] = withUnsafeMutablePointer(to: &rng) { draw($0, registers[a], registers[b]) }
        case .pair(let pair, _, let swapped):
            if swapped { pair(registers[a], registers + c, registers + d) } else { pair(registers[a], registers + d, registers + c) }
        case .jump(let conditional):
            if !conditional || registers[b] == 0 { pc = a }
        }
    }
}
