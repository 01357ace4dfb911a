import CGymThreads
import Dispatch
import Foundation
import Synchronization
import XCTest

/// CGymThreads' pool: every task runs once, callers on several threads at once are all served, and the pool
/// steps aside while its workers would not get cores of their own.
final class ThreadPoolTests: XCTestCase {
    /// A job that counts the calls of each task.
    private final class Tally: @unchecked Sendable {
        final class Slot { let calls = Atomic<Int>(0) }
        private let slots: [Slot]
        init(_ capacity: Int) { slots = (0..<capacity).map { _ in Slot() } }
        /// The calls of each task (atomic, so that a task run twice at once counts twice).
        var counts: [Int] { slots.map { $0.calls.load(ordering: .sequentiallyConsistent) } }
        func reset() { for slot in slots { slot.calls.store(0, ordering: .sequentiallyConsistent) } }
        static let count: gym_task_function = { context, task in
            Unmanaged<Tally>.fromOpaque(context!).takeUnretainedValue().slots[Int(task)].calls.add(1, ordering: .sequentiallyConsistent)
        }
    }

    private func run(_ pool: OpaquePointer, tasks: Int, _ tally: Tally) {
        gym_pool_run(pool, Int32(tasks), Tally.count, Unmanaged.passUnretained(tally).toOpaque())
    }

    func testEveryTaskRunsExactlyOnceOnAnyThreadCount() {
        let tally = Tally(300)
        for threads in [1, 2, 3, 5] {
            let pool = gym_pool_create(Int32(threads))!
            defer { gym_pool_destroy(pool) }
            XCTAssertEqual(gym_pool_threads(pool), Int32(threads))
            for job in 0..<2000 {
                let tasks = job % 300
                tally.reset()
                run(pool, tasks: tasks, tally)
                let counts = tally.counts
                let wrong = (0..<300).first { counts[$0] != ($0 < tasks ? 1 : 0) }
                XCTAssertNil(wrong, "\(threads) threads, job \(job) of \(tasks) tasks: task \(wrong ?? -1) ran \(wrong.map { counts[$0] } ?? 0) times")
                if wrong != nil { return }
            }
        }
    }

    func testCallersOnSeveralThreadsAreAllServed() {
        let pool = gym_pool_create(3)!
        defer { gym_pool_destroy(pool) }
        let tallies = (0..<4).map { _ in Tally(64) }
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<500 { run(pool, tasks: 64, tallies[caller]) }
        }
        for (caller, tally) in tallies.enumerated() {
            XCTAssertEqual(tally.counts, Array(repeating: 500, count: 64), "caller \(caller)")
        }
    }

    func testThePoolGrowsAndShrinks() {
        let pool = gym_pool_create(2)!
        defer { gym_pool_destroy(pool) }
        let tally = Tally(40)
        for threads in [4, 1, 3, 0, 70, 2] {
            XCTAssertEqual(gym_pool_set_threads(pool, Int32(threads)), Int32(min(max(threads, 1), Int(GYM_THREADS_MAX))))
            tally.reset()
            run(pool, tasks: 40, tally)
            XCTAssertEqual(tally.counts, Array(repeating: 1, count: 40), "\(threads) threads")
        }
    }

    /// With every core held by a busy thread, the workers would wait for a core: the pool stops sharing and
    /// the calling thread runs the jobs. Once the cores are free again it shares again.
    func testThePoolStepsAsideWhileTheCoresAreTaken() throws {
        guard FileManager.default.isReadableFile(atPath: "/proc/thread-self/schedstat") else {
            throw XCTSkip("this kernel does not report the time threads wait for a core")
        }
        let pool = gym_pool_create(2)!
        defer { gym_pool_destroy(pool) }
        let tally = Tally(8)
        let spin: (TimeInterval) -> Void = { seconds in
            let end = Date().addingTimeInterval(seconds)
            while Date() < end { self.run(pool, tasks: 8, tally) }
        }
        spin(0.05)

        let stop = Flag()
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let busy = (0..<cores).map { _ in Thread { while !stop.raised.load(ordering: .relaxed) {} } }
        busy.forEach { $0.start() }
        var stepped = false
        for _ in 0..<100 where !stepped {
            spin(0.02)
            stepped = gym_pool_sharing(pool) == 0
        }
        stop.raised.store(true, ordering: .relaxed)
        XCTAssertTrue(stepped, "with \(cores) busy threads on \(cores) cores the pool went on sharing for 2 s")
        let sharedBefore = gym_pool_counters(pool).shared_jobs

        var back = false
        for _ in 0..<250 where !back {
            spin(0.02)
            back = gym_pool_sharing(pool) == 1 && gym_pool_counters(pool).shared_jobs > sharedBefore
        }
        XCTAssertTrue(back, "the pool did not share again within 5 s of the cores coming free")
    }
}

/// A flag one thread raises and others read.
private final class Flag: Sendable { let raised = Atomic<Bool>(false) }
