import Numerics
import QompressCore
import QompressLinearAlgebra

/// Left and right environments of a pair of MPS ⟨bra| and |ket⟩ over the same qubits,
/// for expectation values, matrix elements and overlaps by transfer contraction.
///
/// `left[j]` (χ^bra_j × χ^ket_j, column-major) contracts sites `0..<j` of ⟨bra|ket⟩;
/// `right[j]` (χ^ket_j × χ^bra_j) contracts sites `j..<n`. A Pauli-string term with
/// support on sites `i1…ik` then costs `left[i1]`, a transfer through `i1…ik` with the
/// Pauli factors applied to the ket (identity sites inside the support are plain
/// transfers, sites outside are never touched again), and a trace against `right[ik + 1]`.
/// Each transfer is two `zgemm` calls: O(χ³) per site.
final class TransferEnvironments {
    private let bra: MPSBackend
    private let ket: MPSBackend
    private let n: Int
    private var left: [UnsafeMutablePointer<Complex<Double>>]
    private var right: [UnsafeMutablePointer<Complex<Double>>]
    private let scratch = WorkspaceBuffer<Complex<Double>>()
    private let scratch2 = WorkspaceBuffer<Complex<Double>>()
    private let scratch3 = WorkspaceBuffer<Complex<Double>>()

    /// Builds all left environments and, when `withRight`, all right environments.
    /// Both states must have no pending one-qubit gates.
    init(bra: MPSBackend, ket: MPSBackend, withRight: Bool) {
        self.bra = bra
        self.ket = ket
        n = ket.qubitCount
        left = []
        right = []
        left.reserveCapacity(n + 1)
        let one: UnsafeMutablePointer<Complex<Double>> = allocatePadded(1)
        one[0] = .one
        left.append(one)
        for j in 0..<n {
            let out: UnsafeMutablePointer<Complex<Double>> = allocatePadded(bra.bonds[j + 1] * ket.bonds[j + 1])
            transferLeft(left[j], site: j, pauli: nil, into: out)
            left.append(out)
        }
        if withRight {
            var rights = [UnsafeMutablePointer<Complex<Double>>?](repeating: nil, count: n + 1)
            let last: UnsafeMutablePointer<Complex<Double>> = allocatePadded(1)
            last[0] = .one
            rights[n] = last
            for j in stride(from: n - 1, through: 0, by: -1) {
                let out: UnsafeMutablePointer<Complex<Double>> = allocatePadded(ket.bonds[j] * bra.bonds[j])
                transferRight(rights[j + 1]!, site: j, pauli: nil, into: out)
                rights[j] = out
            }
            right = rights.map { $0! }
        }
    }

    deinit {
        for p in left { p.deallocate() }
        for p in right { p.deallocate() }
    }

    /// ⟨bra|ket⟩.
    var overlap: Complex<Double> { left[n][0] }

    /// ⟨bra| P |ket⟩ for a Pauli string on sites below `n` (requires right environments).
    func value(of string: PauliString) -> Complex<Double> {
        let factors = string.factors
        guard let first = factors.first?.qubit, let last = factors.last?.qubit else { return overlap }
        var current = UnsafePointer(left[first])
        var spare = scratch2, target = scratch3
        var f = 0
        for j in first...last {
            var pauli: Pauli? = nil
            if factors[f].qubit == j { pauli = factors[f].pauli; f += 1 }
            let out = target.reserve(bra.bonds[j + 1] * ket.bonds[j + 1])
            transferLeft(current, site: j, pauli: pauli, into: out)
            current = UnsafePointer(out)
            swap(&spare, &target)
        }
        return close(current, right[last + 1], at: last + 1)
    }

    /// ⟨bra| P_j |ket⟩ for a single-site Pauli (requires right environments).
    func value(of pauli: Pauli, at j: Int) -> Complex<Double> {
        let next = scratch3.reserve(bra.bonds[j + 1] * ket.bonds[j + 1])
        transferLeft(left[j], site: j, pauli: pauli, into: next)
        return close(next, right[j + 1], at: j + 1)
    }

    /// tr(L · R) at bond position `j`: Σ_{b,a} L[b, a] R[a, b].
    private func close(_ l: UnsafePointer<Complex<Double>>, _ r: UnsafePointer<Complex<Double>>, at j: Int) -> Complex<Double> {
        let lb = bra.bonds[j], la = ket.bonds[j]
        var sum = Complex<Double>.zero
        for a in 0..<la { for b in 0..<lb { sum = sum + l[b + lb * a] * r[a + la * b] } }
        return sum
    }

    /// `out = B†·P(E·A)` for site `j`: E is χ^bra_j × χ^ket_j, out χ^bra_{j+1} × χ^ket_{j+1}.
    private func transferLeft(_ env: UnsafePointer<Complex<Double>>, site j: Int, pauli: Pauli?,
                              into out: UnsafeMutablePointer<Complex<Double>>) {
        let lb = bra.bonds[j], rb = bra.bonds[j + 1], la = ket.bonds[j], ra = ket.bonds[j + 1]
        let x = scratch.reserve(lb * 2 * ra)
        BLAS.gemm(.none, .none, m: lb, n: 2 * ra, k: la, a: env, lda: lb, b: ket.sites[j], ldb: la, c: x, ldc: lb)
        if let pauli { TransferEnvironments.apply(pauli, to: x, blockLength: lb, blockCount: ra) }
        BLAS.gemm(.adjoint, .none, m: rb, n: ra, k: 2 * lb, a: bra.sites[j], lda: 2 * lb, b: x, ldb: 2 * lb, c: out, ldc: rb)
    }

    /// `out = P(A·R)·B†` for site `j`: R is χ^ket_{j+1} × χ^bra_{j+1}, out χ^ket_j × χ^bra_j.
    private func transferRight(_ env: UnsafePointer<Complex<Double>>, site j: Int, pauli: Pauli?,
                               into out: UnsafeMutablePointer<Complex<Double>>) {
        let lb = bra.bonds[j], rb = bra.bonds[j + 1], la = ket.bonds[j], ra = ket.bonds[j + 1]
        let x = scratch.reserve(2 * la * rb)
        BLAS.gemm(.none, .none, m: 2 * la, n: rb, k: ra, a: ket.sites[j], lda: 2 * la, b: env, ldb: ra, c: x, ldc: 2 * la)
        if let pauli { TransferEnvironments.apply(pauli, to: x, blockLength: la, blockCount: rb) }
        BLAS.gemm(.none, .adjoint, m: la, n: lb, k: 2 * rb, a: x, lda: la, b: bra.sites[j], ldb: lb, c: out, ldc: la)
    }

    /// Applies a Pauli to the physical leg of a tensor laid out as [l, s, r] with blocks of
    /// `blockLength` contiguous elements (s = 0 block, then s = 1 block, per r).
    static func apply(_ pauli: Pauli, to x: UnsafeMutablePointer<Complex<Double>>, blockLength: Int, blockCount: Int) {
        let i = Complex<Double>(0, 1)
        for r in 0..<blockCount {
            let zero = x + 2 * blockLength * r, one = zero + blockLength
            switch pauli {
            case .x:
                for l in 0..<blockLength { let t = zero[l]; zero[l] = one[l]; one[l] = t }
            case .y:
                for l in 0..<blockLength { let t = zero[l]; zero[l] = -i * one[l]; one[l] = i * t }
            case .z:
                for l in 0..<blockLength { one[l] = -one[l] }
            }
        }
    }
}
