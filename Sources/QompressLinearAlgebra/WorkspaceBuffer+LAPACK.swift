import CLapack
import Numerics
import QompressCore

extension WorkspaceBuffer {
    /// Calls a LAPACK routine that takes a workspace, the way its `_work` entry points expect:
    /// once with `lwork = −1` to learn the size it wants (that `info` is checked), then with
    /// this buffer grown to that size. Returns the second call's `info`, so that a caller can
    /// treat non-convergence (`info > 0`) itself.
    /// - Throws: `SimulationError.lapackFailure` when the size query fails.
    func lapackCall(_ routine: String, query: Element, size: (Element) -> Double,
                    _ call: (_ work: UnsafeMutablePointer<Element>, _ lwork: Int32) -> Int32) throws -> Int32 {
        BLAS.applyThreadingPolicy()
        var answer = query
        let info = withUnsafeMutablePointer(to: &answer) { call($0, -1) }
        try requireLAPACKSuccess(info, routine)
        let lwork = max(1, Int(size(answer)))
        return call(reserve(lwork), Int32(lwork))
    }
}

extension WorkspaceBuffer where Element == Double {
    /// `lapackCall` for a real workspace.
    func lapackCall(_ routine: String, _ call: (UnsafeMutablePointer<Double>, Int32) -> Int32) throws -> Int32 {
        try lapackCall(routine, query: 0, size: { $0 }, call)
    }

    /// `lapackCall` that also throws for a non-zero `info` of the call itself.
    func checkedLAPACKCall(_ routine: String, _ call: (UnsafeMutablePointer<Double>, Int32) -> Int32) throws {
        try requireLAPACKSuccess(try lapackCall(routine, call), routine)
    }
}

extension WorkspaceBuffer where Element == Complex<Double> {
    /// `lapackCall` for a complex workspace, handed to LAPACKE as its complex struct.
    func lapackCall(_ routine: String,
                    _ call: (UnsafeMutablePointer<qompress_complex_double>, Int32) -> Int32) throws -> Int32 {
        try lapackCall(routine, query: .zero, size: { $0.real }) { call(LapackPointer($0), $1) }
    }

    /// `lapackCall` that also throws for a non-zero `info` of the call itself.
    func checkedLAPACKCall(_ routine: String,
                           _ call: (UnsafeMutablePointer<qompress_complex_double>, Int32) -> Int32) throws {
        try requireLAPACKSuccess(try lapackCall(routine, call), routine)
    }
}

/// Throws `SimulationError.lapackFailure` unless `info` is 0.
func requireLAPACKSuccess(_ info: Int32, _ routine: String) throws {
    guard info == 0 else { throw SimulationError.lapackFailure(routine: routine, info: Int(info)) }
}
