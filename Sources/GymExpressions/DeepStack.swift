import Foundation

/// Runs work that recurses as deep as the expression limits allow (parsing, compiling, folding and
/// freeing expression trees) on a thread of its own with a 256 MiB stack, so that it cannot overflow the
/// caller's: a secondary thread's stack may be much smaller than the main thread's 8 MiB, and a build
/// with AddressSanitizer makes every frame several times larger (`make test-sanitizers` overflowed 8 MiB
/// on the deepest legal expression). The stack is reserved, not committed: pages are used as touched.
public enum DeepStack {
    /// The stack of the thread `run` starts, in bytes.
    public static let size = 256 << 20

    /// The result of `body`, run on a thread with a `size`-byte stack (on the calling thread when no thread
    /// can be started), which this call waits for.
    public static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { body in
            var result: T?
            let job = Job { result = body() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            guard pthread_create(&thread, &attributes, { raw in
                Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().work()
                return nil
            }, context) == 0 else {
                // No thread to be had: run here.
                Unmanaged<Job>.fromOpaque(context).release()
                return body()
            }
            pthread_join(thread, nil)
            return result!
        }
    }

    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }
}
