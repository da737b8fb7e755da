import Dispatch
import Foundation

/// Splits work across threads with a partition that does not depend on the thread count, so
/// that reductions and batches give the same bits on 1, 2 or 8 threads.
public enum ParallelLoop {
    /// The number of active processor cores.
    public static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Runs `body(task)` for every task in `0..<tasks` on up to `threads` threads, in
    /// `min(threads, tasks)` contiguous ranges of tasks spread over the persistent
    /// `WorkerPool`. `body` must only write to memory its task owns.
    public static func forEach(tasks: Int, threads: Int, _ body: (Int) -> Void) {
        let workers = min(threads, tasks)
        if workers <= 1 {
            for t in 0..<tasks { body(t) }
            return
        }
        // Tasks write disjoint memory and the closure does not outlive this call.
        nonisolated(unsafe) let body = body
        let chunk: @Sendable (Int) -> Void = { w in
            let start = tasks * w / workers, end = tasks * (w + 1) / workers
            for t in start..<end { body(t) }
        }
        // The persistent pool starts short regions at once; a nested or concurrent region,
        // which finds it busy, goes to Dispatch.
        if WorkerPool.shared.run(chunks: workers, chunk) { return }
        DispatchQueue.concurrentPerform(iterations: workers, execute: chunk)
    }

    /// A reduction over a fixed partition: `partial(task)` for every task in `0..<tasks` on up to
    /// `threads` threads, folded with `combine` in task order starting from `initial`, so the
    /// result does not depend on the thread count. A single task runs inline, with no scratch
    /// array and no parallel region (the common case for small states).
    @inlinable
    public static func reduce<T>(tasks: Int, threads: Int, initial: T, _ partial: (Int) -> T,
                                 _ combine: (T, T) -> T) -> T {
        if tasks == 1 { return combine(initial, partial(0)) }
        var results = [T](repeating: initial, count: tasks)
        results.withUnsafeMutableBufferPointer { results in
            nonisolated(unsafe) let results = results
            forEach(tasks: tasks, threads: threads) { results[$0] = partial($0) }
        }
        return results.reduce(initial, combine)
    }

    /// Runs `body(worker, range)` once per worker over contiguous ranges covering `0..<tasks`,
    /// for work that keeps per-worker scratch space.
    public static func forEachRange(tasks: Int, threads: Int, _ body: (Int, Range<Int>) -> Void) {
        let workers = max(1, min(threads, tasks))
        forEach(tasks: workers, threads: workers) { w in
            body(w, (tasks * w / workers)..<(tasks * (w + 1) / workers))
        }
    }

    /// `transform(task)` for every task in `0..<tasks` on up to `threads` threads, in task order.
    /// Every task runs; when some throw, the error of the lowest failing task is rethrown, so
    /// the outcome does not depend on the thread count (each task writes only its own slot).
    public static func map<T>(tasks: Int, threads: Int, _ transform: (Int) throws -> T) throws -> [T] {
        guard tasks > 0 else { return [] }
        var results = [Result<T, Error>?](repeating: nil, count: tasks)
        results.withUnsafeMutableBufferPointer { results in
            nonisolated(unsafe) let results = results
            forEach(tasks: tasks, threads: threads) { t in results[t] = Result { try transform(t) } }
        }
        return try results.map { try $0!.get() }
    }

    /// Runs `body(worker, range)` over contiguous ranges covering `0..<tasks` like
    /// `forEachRange`, for work that can fail: a range stops at its first error, and the error
    /// of the lowest failing range is rethrown once all ranges are done.
    public static func forEachRange(tasks: Int, threads: Int, _ body: (Int, Range<Int>) throws -> Void) throws {
        let workers = max(1, min(threads, tasks))
        var failures = [Error?](repeating: nil, count: workers)
        failures.withUnsafeMutableBufferPointer { failures in
            nonisolated(unsafe) let failures = failures
            forEachRange(tasks: tasks, threads: workers) { w, range in
                do { try body(w, range) } catch { failures[w] = error }
            }
        }
        if let first = failures.lazy.compactMap({ $0 }).first { throw first }
    }

    /// The thread count meaning "all cores" when given 0.
    public static func resolve(threads: Int) -> Int { threads <= 0 ? coreCount : threads }
}
