#ifndef CQOMPRESS_KERNELS_H
#define CQOMPRESS_KERNELS_H

/// Hot statevector loops compiled for AVX2 + FMA with function-level target attributes, so the
/// package still builds for baseline x86-64: callers check `qk_has_avx2_fma()` once and fall
/// back to their portable Swift loops when it is 0 (other CPUs, other architectures).

/// 1 when the CPU and the operating system support AVX2 and FMA, else 0.
int qk_has_avx2_fma(void);

/// The real 2x2 [[a, b], [c, d]] on consecutive pairs of runs of `run` doubles (x, y) over the
/// first `doubles` doubles of `p`: x <- a x + b y, y <- c x + d y. `run` is 2 or a multiple of 4.
void qk_rotate_runs(double *p, long doubles, long run, double a, double b, double c, double d);

/// The fused adjoint step on two real registers for one qubit with pair runs of `half`
/// amplitudes (a multiple of 4): for runs g in [first, last), reads the pairs of psi and lam,
/// adds sums[0..3] += (sum l0 p0, sum l0 p1, sum l1 p0, sum l1 p1) when `measuring`, and writes
/// both rotated pairs. Each run's vector sums are reduced before the next run, in order.
void qk_rotate_both(double *psi, double *lam, long half, long first, long last,
                    double a, double b, double c, double d, int measuring, double *sums);

/// `qk_rotate_both` for q = 0 or 1 (runs of 1 or 2 amplitudes), the runs g in [first, last)
/// taken two pairs (q = 0) or one pair of runs (q = 1) per vector.
void qk_rotate_both_low(double *psi, double *lam, int q, long first, long last,
                        double a, double b, double c, double d, int measuring, double *sums);

#endif
