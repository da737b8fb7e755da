#ifndef CQOMPRESS_KERNELS_H
#define CQOMPRESS_KERNELS_H

/// Hot statevector loops compiled for AVX2 + FMA with function-level target attributes, so the
/// package still builds for baseline x86-64: callers check `qk_has_avx2_fma()` once and fall
/// back to their portable Swift loops when it is 0 (other CPUs, other architectures).

/// 1 when the CPU and the operating system support AVX2, FMA (and POPCNT, which every AVX2 CPU has), else 0.
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

/// RY on every stored pair {s, s ^ flip} of a batch of `count` rows of `width` lanes (`width` a
/// multiple of 4, `flip` nonzero), skipping pairs whose s has even parity with `cond` (when
/// `cond` is nonzero); the member with even parity with `orient` is the |0> amplitude:
/// x <- c x - s y, y <- s x + c y with each lane's cosine and sine.
void qk_batch_rotate(double *rows, long width, long count, long flip, long orient, long cond,
                     const double *cosines, const double *sines);

/// The fused adjoint step of one RY on two batches (psi, lam): when `sums` is not NULL adds
/// lam1 psi0 - lam0 psi1 to each lane's sum (pairs in ascending order), then rotates both as
/// `qk_batch_rotate` does.
void qk_batch_rotate_both(double *psi, double *lam, long width, long count, long flip, long orient,
                          const double *cosines, const double *sines, double *sums);

/// <Z_q> of every lane of a batch of `count` rows of `width` lanes (a multiple of 4), q < n
/// (1 <= n <= 12): totals[q * width + j] = sum over rows s, ascending, of (-1)^parity(s & masks[q])
/// rows[s][j]^2 (multiplications and additions as written: no FMA).
void qk_batch_expectations_z(const double *rows, long width, long count, int n, const long *masks, double *totals);

/// Multiplies row s of a batch, lane by lane, by the sum over q < n (1 <= n <= 12), ascending from
/// 0, of (-1)^parity(s & masks[q]) g[q * width + j] (no FMA).
void qk_batch_weighted_z(double *rows, long width, long count, int n, const long *masks, const double *g);

#endif
