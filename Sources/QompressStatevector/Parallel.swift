import Dispatch
import Foundation

/// Splits work across threads with a partition that does not depend on the thread count,
/// so that reductions give the same bits on 1, 2 or 8 threads.
enum Parallel {
    /// The number of active processor cores.
    static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body(task)` for every task in `0..<tasks`, on up to `threads` threads.
    static func forEach(tasks: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(threads, tasks)
        if workers <= 1 {
            for t in 0..<tasks { body(t) }
            return
        }
        // The callers hand disjoint index ranges to the tasks; the closure never outlives this call.
        nonisolated(unsafe) let body = body
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = tasks * w / workers, end = tasks * (w + 1) / workers
            for t in start..<end { body(t) }
        }
    }
}
