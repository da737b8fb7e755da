import Dispatch
import Foundation
import Synchronization

/// Persistent worker threads behind `ParallelLoop`, for parallel regions of tens of
/// microseconds (a batch of 32 small circuits, one gate on a 2^16 state).
///
/// `DispatchQueue.concurrentPerform` wakes its workers through the kernel on every call; on
/// Linux that latency is often longer than such a region, so the region ran on one thread
/// (measured: two 87 µs halves took 162 µs). Here the workers spin on a generation counter
/// for a short while after each job, so back-to-back regions start at once, and sleep on a
/// condition variable when no job came in that window, so an idle pool costs no CPU. Both
/// spins yield the core now and then, so that on a machine with more runnable threads than
/// cores a waiting thread does not keep a descheduled worker off its core.
///
/// One job runs at a time. A job is a number of chunks that the caller and every worker
/// claim one by one from a shared counter; the caller returns when every worker has checked
/// out, so no worker can still be reading a job when the next one is published. A call made
/// while the pool is busy (a nested or concurrent region) gets `false` and must run its
/// chunks some other way.
final class WorkerPool: @unchecked Sendable {
    /// One worker per core besides the calling thread.
    static let shared = WorkerPool(workerCount: ParallelLoop.coreCount - 1)

    /// How long an idle worker spins before it sleeps.
    static let spinNanoseconds: UInt64 = 200_000

    /// The pool's threads (not counting callers).
    let workerCount: Int

    private let generation = Atomic<Int>(0)
    private let nextChunk = Atomic<Int>(0)
    private let checkedOut = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let wakeUp = NSCondition()
    /// The current job; written only while `busy` and no worker is inside a job.
    private nonisolated(unsafe) var job: (Int) -> Void = { _ in }
    private nonisolated(unsafe) var chunkCount = 0

    private init(workerCount: Int) {
        self.workerCount = max(0, workerCount)
        for _ in 0..<self.workerCount {
            let thread = Thread { [self] in self.workerLoop() }
            thread.name = "qompress-worker"
            thread.start()
        }
    }

    /// Runs `body(c)` for every chunk c in `0..<chunks` on the calling thread and the pool's
    /// workers, and returns `true` when all have finished; returns `false` at once, having
    /// run nothing, when the pool has no workers or is running another job.
    func run(chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard workerCount > 0,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return false }
        withoutActuallyEscaping(body) { body in
            job = body
            chunkCount = chunks
            nextChunk.store(0, ordering: .relaxed)
            checkedOut.store(0, ordering: .relaxed)
            generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            participate()
            // A worker that the system has descheduled must get a core back: after a short
            // spin, give this one up while waiting.
            var spins = 0
            while checkedOut.load(ordering: .acquiring) < workerCount {
                spins &+= 1
                if spins > 4096 { sched_yield() }
            }
            job = { _ in }
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// Claims and runs chunks of the current job until none is left.
    private func participate() {
        let body = job, count = chunkCount
        while true {
            let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            guard chunk < count else { return }
            body(chunk)
        }
    }

    private func workerLoop() {
        var seen = 0
        while true {
            let start = DispatchTime.now().uptimeNanoseconds
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins &+= 1
                guard spins & 1023 == 0 else { continue }
                // Let other threads of a busy machine run while this one waits.
                sched_yield()
                guard DispatchTime.now().uptimeNanoseconds &- start > WorkerPool.spinNanoseconds else { continue }
                // Sleep. The generation is re-read after announcing the sleeper (both
                // sequentially consistent), so a job published meanwhile is never missed.
                wakeUp.lock()
                sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen { wakeUp.wait() }
                sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                wakeUp.unlock()
            }
            seen = generation.load(ordering: .acquiring)
            participate()
            checkedOut.wrappingAdd(1, ordering: .releasing)
        }
    }
}
