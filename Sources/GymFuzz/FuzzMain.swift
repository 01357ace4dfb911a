import Foundation

#if GYM_FUZZING
// Built for libFuzzer (`make fuzz`): GYM_FUZZ_TARGET chooses the target, the arguments are libFuzzer's.
@_silgen_name("LLVMFuzzerRunDriver")
private func runDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                       _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

private let selected: FuzzTarget = {
    guard let name = ProcessInfo.processInfo.environment["GYM_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("set GYM_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return target
}()

@main
struct FuzzMain {
    static func main() {
        _ = selected
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv) { data, size in
            selected.run(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
            return 0
        })
    }
}
#else
/// Without libFuzzer: `gym-fuzz TARGET FILE...` runs each file through a target, as the fuzzer would,
/// so that the committed corpus and every crash once found replay in the normal build's tests.
@main
struct FuzzMain {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        guard let name = arguments.first, let target = FuzzTarget(rawValue: name), arguments.count > 1 else {
            print("usage: gym-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...")
            exit(2)
        }
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("gym-fuzz: cannot read \(path)")
                exit(2)
            }
            data.withUnsafeBytes { target.run($0.bindMemory(to: UInt8.self)) }
        }
        print("gym-fuzz \(name): \(arguments.count - 1) inputs, no failure")
    }
}
#endif
