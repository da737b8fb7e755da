import QompressCore
import Synchronization
import Testing

@Suite("ParallelLoop and its worker pool")
struct ParallelLoopTests {
    @Test("every task runs exactly once, for any thread count, over many back-to-back regions",
          arguments: [1, 2, 3, 8])
    func everyTaskRunsExactlyOnce(threads: Int) {
        for tasks in [1, 2, 5, 64, 1000] {
            for _ in 0..<50 {
                var hits = [Int](repeating: 0, count: tasks)
                hits.withUnsafeMutableBufferPointer { hits in
                    ParallelLoop.forEach(tasks: tasks, threads: threads) { hits[$0] += 1 }
                }
                #expect(hits.allSatisfy { $0 == 1 }, "tasks \(tasks), threads \(threads)")
            }
        }
    }

    @Test("a region started inside a region completes (the busy pool hands it to Dispatch)")
    func nestedRegionsComplete() {
        let outer = 4, inner = 16
        var hits = [Int](repeating: 0, count: outer * inner)
        hits.withUnsafeMutableBufferPointer { hits in
            ParallelLoop.forEach(tasks: outer, threads: 2) { o in
                ParallelLoop.forEach(tasks: inner, threads: 2) { i in hits[o * inner + i] += 1 }
            }
        }
        #expect(hits.allSatisfy { $0 == 1 })
    }

    @Test("regions started from several threads at once all complete")
    func concurrentCallersComplete() {
        let callers = 4, tasks = 256
        let total = Atomic<Int>(0)
        ParallelLoop.forEach(tasks: callers, threads: callers) { _ in
            for _ in 0..<20 {
                ParallelLoop.forEach(tasks: tasks, threads: 2) { _ in total.wrappingAdd(1, ordering: .relaxed) }
            }
        }
        #expect(total.load(ordering: .relaxed) == callers * 20 * tasks)
    }

    @Test("reduce folds the per-task results in task order, bit for bit the same on any thread count")
    func reduceIsThreadIndependent() {
        let values = (0..<1000).map { 1 / Double($0 * $0 + 1) }
        func partial(_ t: Int, of tasks: Int) -> Double {
            values[(1000 * t / tasks)..<(1000 * (t + 1) / tasks)].reduce(0, +)
        }
        for tasks in [1, 7, 64] {
            let serial = (0..<tasks).map { partial($0, of: tasks) }.reduce(0.0, +)
            for threads in [1, 2, 8] {
                #expect(ParallelLoop.reduce(tasks: tasks, threads: threads, initial: 0.0, { partial($0, of: tasks) }, +) == serial)
            }
        }
    }
}
