#include "CQompressKernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>
#include <immintrin.h>

int qk_has_avx2_fma(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int osxsave = 1u << 27, avx = 1u << 28, fma = 1u << 12;
    if ((ecx & (osxsave | avx | fma)) != (osxsave | avx | fma)) return 0;
    // The OS must save the YMM registers (XCR0 bits 1 and 2).
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    if (!(ecx & (1u << 23))) return 0; /* POPCNT, which every AVX2 CPU has; the batch loops use it */
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 5)) ? 1 : 0;
}

__attribute__((target("avx2,fma")))
void qk_rotate_runs(double *p, long doubles, long run, double a, double b, double c, double d) {
    if (run == 2) {
        // One vector is one pair of runs (x0, x1, y0, y1): with s = (y0, y1, x0, x1),
        // the result is (a, a, d, d) * v + (b, b, c, c) * s.
        const __m256d A = _mm256_setr_pd(a, a, d, d), B = _mm256_setr_pd(b, b, c, c);
        for (long k = 0; k < doubles; k += 4) {
            __m256d v = _mm256_loadu_pd(p + k), w = _mm256_permute2f128_pd(v, v, 0x01);
            _mm256_storeu_pd(p + k, _mm256_fmadd_pd(A, v, _mm256_mul_pd(B, w)));
        }
        return;
    }
    const __m256d va = _mm256_set1_pd(a), vb = _mm256_set1_pd(b);
    const __m256d vc = _mm256_set1_pd(c), vd = _mm256_set1_pd(d);
    for (long hi = 0; hi < doubles; hi += 2 * run) {
        double *x = p + hi, *y = p + hi + run;
        for (long k = 0; k < run; k += 4) {
            __m256d u = _mm256_loadu_pd(x + k), v = _mm256_loadu_pd(y + k);
            _mm256_storeu_pd(x + k, _mm256_fmadd_pd(va, u, _mm256_mul_pd(vb, v)));
            _mm256_storeu_pd(y + k, _mm256_fmadd_pd(vc, u, _mm256_mul_pd(vd, v)));
        }
    }
}

__attribute__((target("avx2,fma")))
static inline double qk_sum(__m256d v) {
    __m128d lo = _mm256_castpd256_pd128(v), hi = _mm256_extractf128_pd(v, 1);
    __m128d s = _mm_add_pd(lo, hi);
    return _mm_cvtsd_f64(s) + _mm_cvtsd_f64(_mm_unpackhi_pd(s, s));
}

__attribute__((target("avx2,fma")))
void qk_rotate_both(double *psi, double *lam, long half, long first, long last,
                    double a, double b, double c, double d, int measuring, double *sums) {
    const __m256d va = _mm256_set1_pd(a), vb = _mm256_set1_pd(b);
    const __m256d vc = _mm256_set1_pd(c), vd = _mm256_set1_pd(d);
    for (long g = first; g < last; g++) {
        double *k0 = psi + 2 * half * g, *k1 = k0 + half;
        double *l0 = lam + 2 * half * g, *l1 = l0 + half;
        __m256d s00 = _mm256_setzero_pd(), s01 = s00, s10 = s00, s11 = s00;
        for (long j = 0; j < half; j += 4) {
            __m256d p0 = _mm256_loadu_pd(k0 + j), p1 = _mm256_loadu_pd(k1 + j);
            __m256d x0 = _mm256_loadu_pd(l0 + j), x1 = _mm256_loadu_pd(l1 + j);
            if (measuring) {
                s00 = _mm256_fmadd_pd(x0, p0, s00);
                s01 = _mm256_fmadd_pd(x0, p1, s01);
                s10 = _mm256_fmadd_pd(x1, p0, s10);
                s11 = _mm256_fmadd_pd(x1, p1, s11);
            }
            _mm256_storeu_pd(k0 + j, _mm256_fmadd_pd(va, p0, _mm256_mul_pd(vb, p1)));
            _mm256_storeu_pd(k1 + j, _mm256_fmadd_pd(vc, p0, _mm256_mul_pd(vd, p1)));
            _mm256_storeu_pd(l0 + j, _mm256_fmadd_pd(va, x0, _mm256_mul_pd(vb, x1)));
            _mm256_storeu_pd(l1 + j, _mm256_fmadd_pd(vc, x0, _mm256_mul_pd(vd, x1)));
        }
        if (measuring) {
            sums[0] += qk_sum(s00);
            sums[1] += qk_sum(s01);
            sums[2] += qk_sum(s10);
            sums[3] += qk_sum(s11);
        }
    }
}

__attribute__((target("avx2,fma")))
void qk_rotate_both_low(double *psi, double *lam, int q, long first, long last,
                        double a, double b, double c, double d, int measuring, double *sums) {
    // Runs of 1 (q = 0) or 2 (q = 1) amplitudes: a vector holds two pairs (q = 0: x y x y)
    // or one pair of runs (q = 1: x x y y); `swap` exchanges each x with its y.
    const long width = 2L << q;
    long k = first * width;
    const long end = last * width;
    __m256d A, B;
    if (q == 0) { A = _mm256_setr_pd(a, d, a, d); B = _mm256_setr_pd(b, c, b, c); }
    else { A = _mm256_setr_pd(a, a, d, d); B = _mm256_setr_pd(b, b, c, c); }
    __m256d same = _mm256_setzero_pd(), crossed = _mm256_setzero_pd();
    for (; k + 4 <= end; k += 4) {
        __m256d v = _mm256_loadu_pd(psi + k), l = _mm256_loadu_pd(lam + k);
        __m256d vs = q == 0 ? _mm256_permute_pd(v, 0x5) : _mm256_permute2f128_pd(v, v, 0x01);
        __m256d ls = q == 0 ? _mm256_permute_pd(l, 0x5) : _mm256_permute2f128_pd(l, l, 0x01);
        if (measuring) {
            same = _mm256_fmadd_pd(l, v, same);
            crossed = _mm256_fmadd_pd(l, vs, crossed);
        }
        _mm256_storeu_pd(psi + k, _mm256_fmadd_pd(A, v, _mm256_mul_pd(B, vs)));
        _mm256_storeu_pd(lam + k, _mm256_fmadd_pd(A, l, _mm256_mul_pd(B, ls)));
    }
    double s[4], x[4];
    _mm256_storeu_pd(s, same);
    _mm256_storeu_pd(x, crossed);
    if (measuring) {
        // Lanes of `same` hold l0 p0 and l1 p1, of `crossed` l0 p1 and l1 p0.
        if (q == 0) {
            sums[0] += s[0] + s[2]; sums[3] += s[1] + s[3];
            sums[1] += x[0] + x[2]; sums[2] += x[1] + x[3];
        } else {
            sums[0] += s[0] + s[1]; sums[3] += s[2] + s[3];
            sums[1] += x[0] + x[1]; sums[2] += x[2] + x[3];
        }
    }
    for (; k < end; k += 2) {
        // A single pair left over (q = 0 and an odd number of runs).
        double p0 = psi[k], p1 = psi[k + 1], l0 = lam[k], l1 = lam[k + 1];
        if (measuring) { sums[0] += l0 * p0; sums[1] += l0 * p1; sums[2] += l1 * p0; sums[3] += l1 * p1; }
        psi[k] = a * p0 + b * p1; psi[k + 1] = c * p0 + d * p1;
        lam[k] = a * l0 + b * l1; lam[k + 1] = c * l0 + d * l1;
    }
}


/* The stored pair {s, s ^ flip} number t: s has the highest bit of flip clear. */
static inline long qk_pair_base(long t, int high) {
    return ((t >> high) << (high + 1)) | (t & ((1L << high) - 1));
}

__attribute__((target("avx2,fma")))
void qk_batch_rotate(double *rows, long width, long count, long flip, long orient, long cond,
                     const double *cosines, const double *sines) {
    const int high = 63 - __builtin_clzl((unsigned long)flip);
    for (long t = 0; t < count / 2; t++) {
        long s0 = qk_pair_base(t, high), s1 = s0 ^ flip;
        if (cond && !__builtin_parityl((unsigned long)(s0 & cond))) continue;
        if (__builtin_parityl((unsigned long)(s0 & orient))) { long x = s0; s0 = s1; s1 = x; }
        double *x = rows + s0 * width, *y = rows + s1 * width;
        for (long j = 0; j < width; j += 4) {
            __m256d u = _mm256_loadu_pd(x + j), v = _mm256_loadu_pd(y + j);
            __m256d c = _mm256_loadu_pd(cosines + j), s = _mm256_loadu_pd(sines + j);
            _mm256_storeu_pd(x + j, _mm256_fmsub_pd(c, u, _mm256_mul_pd(s, v)));
            _mm256_storeu_pd(y + j, _mm256_fmadd_pd(s, u, _mm256_mul_pd(c, v)));
        }
    }
}

__attribute__((target("avx2,fma")))
void qk_batch_rotate_both(double *psi, double *lam, long width, long count, long flip, long orient,
                          const double *cosines, const double *sines, double *sums) {
    const int high = 63 - __builtin_clzl((unsigned long)flip);
    for (long t = 0; t < count / 2; t++) {
        long s0 = qk_pair_base(t, high), s1 = s0 ^ flip;
        if (__builtin_parityl((unsigned long)(s0 & orient))) { long x = s0; s0 = s1; s1 = x; }
        double *p0 = psi + s0 * width, *p1 = psi + s1 * width;
        double *l0 = lam + s0 * width, *l1 = lam + s1 * width;
        for (long j = 0; j < width; j += 4) {
            __m256d u = _mm256_loadu_pd(p0 + j), v = _mm256_loadu_pd(p1 + j);
            __m256d x = _mm256_loadu_pd(l0 + j), y = _mm256_loadu_pd(l1 + j);
            __m256d c = _mm256_loadu_pd(cosines + j), s = _mm256_loadu_pd(sines + j);
            if (sums) {
                __m256d acc = _mm256_loadu_pd(sums + j);
                _mm256_storeu_pd(sums + j, _mm256_add_pd(acc, _mm256_fmsub_pd(y, u, _mm256_mul_pd(x, v))));
            }
            _mm256_storeu_pd(p0 + j, _mm256_fmsub_pd(c, u, _mm256_mul_pd(s, v)));
            _mm256_storeu_pd(p1 + j, _mm256_fmadd_pd(s, u, _mm256_mul_pd(c, v)));
            _mm256_storeu_pd(l0 + j, _mm256_fmsub_pd(c, x, _mm256_mul_pd(s, y)));
            _mm256_storeu_pd(l1 + j, _mm256_fmadd_pd(s, x, _mm256_mul_pd(c, y)));
        }
    }
}

/* <Z_q> partial sums of four lanes over all rows, the n accumulators in registers: with `n`
   a constant after inlining, the q loops unroll. Products and sums in the order of the
   portable loops (no FMA), so both give the same bits. */
__attribute__((target("avx2,fma,popcnt"), always_inline))
static inline void qk_batch_z_lanes(const double *rows, long width, long count, const int n, const long *masks,
                                    double *totals, long j) {
    __m256d acc[12];
    for (int q = 0; q < n; q++) acc[q] = _mm256_setzero_pd();
    for (long s = 0; s < count; s++) {
        const __m256d r = _mm256_loadu_pd(rows + s * width + j), p = _mm256_mul_pd(r, r);
        /* acc + (-p) is acc - p exactly; the sign is a bit flip, not a branch. */
        for (int q = 0; q < n; q++) {
            const __m256d sign = _mm256_castsi256_pd(_mm256_set1_epi64x((long long)__builtin_parityl((unsigned long)(s & masks[q])) << 63));
            acc[q] = _mm256_add_pd(acc[q], _mm256_xor_pd(p, sign));
        }
    }
    for (int q = 0; q < n; q++) _mm256_storeu_pd(totals + q * width + j, acc[q]);
}

/* Row s times the sum over q of (-1)^parity(s & masks[q]) g[q] (q ascending from 0). */
__attribute__((target("avx2,fma,popcnt"), always_inline))
static inline void qk_batch_weighted_z_lanes(double *rows, long width, long count, const int n, const long *masks,
                                             const double *g, long j) {
    __m256d gq[12];
    for (int q = 0; q < n; q++) gq[q] = _mm256_loadu_pd(g + q * width + j);
    for (long s = 0; s < count; s++) {
        __m256d f = _mm256_setzero_pd();
        for (int q = 0; q < n; q++) {
            const __m256d sign = _mm256_castsi256_pd(_mm256_set1_epi64x((long long)__builtin_parityl((unsigned long)(s & masks[q])) << 63));
            f = _mm256_add_pd(f, _mm256_xor_pd(gq[q], sign));
        }
        double *r = rows + s * width + j;
        _mm256_storeu_pd(r, _mm256_mul_pd(_mm256_loadu_pd(r), f));
    }
}

#define QK_FOR_QUBITS(X) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12)

__attribute__((target("avx2,fma,popcnt")))
void qk_batch_expectations_z(const double *rows, long width, long count, int n, const long *masks, double *totals) {
    for (long j = 0; j < width; j += 4) {
        switch (n) {
#define QK_CASE(N) case N: qk_batch_z_lanes(rows, width, count, N, masks, totals, j); break;
            QK_FOR_QUBITS(QK_CASE)
#undef QK_CASE
            default: break;
        }
    }
}

__attribute__((target("avx2,fma,popcnt")))
void qk_batch_weighted_z(double *rows, long width, long count, int n, const long *masks, const double *g) {
    for (long j = 0; j < width; j += 4) {
        switch (n) {
#define QK_CASE(N) case N: qk_batch_weighted_z_lanes(rows, width, count, N, masks, g, j); break;
            QK_FOR_QUBITS(QK_CASE)
#undef QK_CASE
            default: break;
        }
    }
}

#else

int qk_has_avx2_fma(void) { return 0; }

void qk_rotate_both_low(double *psi, double *lam, int q, long first, long last,
                        double a, double b, double c, double d, int measuring, double *sums) {
    (void)psi; (void)lam; (void)q; (void)first; (void)last;
    (void)a; (void)b; (void)c; (void)d; (void)measuring; (void)sums;
}

// Never called: callers check qk_has_avx2_fma() first.
void qk_rotate_runs(double *p, long doubles, long run, double a, double b, double c, double d) {
    (void)p; (void)doubles; (void)run; (void)a; (void)b; (void)c; (void)d;
}

void qk_rotate_both(double *psi, double *lam, long half, long first, long last,
                    double a, double b, double c, double d, int measuring, double *sums) {
    (void)psi; (void)lam; (void)half; (void)first; (void)last;
    (void)a; (void)b; (void)c; (void)d; (void)measuring; (void)sums;
}

void qk_batch_rotate(double *rows, long width, long count, long flip, long orient, long cond,
                     const double *cosines, const double *sines) {
    (void)rows; (void)width; (void)count; (void)flip; (void)orient; (void)cond; (void)cosines; (void)sines;
}

void qk_batch_rotate_both(double *psi, double *lam, long width, long count, long flip, long orient,
                          const double *cosines, const double *sines, double *sums) {
    (void)psi; (void)lam; (void)width; (void)count; (void)flip; (void)orient; (void)cosines; (void)sines; (void)sums;
}

void qk_batch_expectations_z(const double *rows, long width, long count, int n, const long *masks, double *totals) {
    (void)rows; (void)width; (void)count; (void)n; (void)masks; (void)totals;
}

void qk_batch_weighted_z(double *rows, long width, long count, int n, const long *masks, const double *g) {
    (void)rows; (void)width; (void)count; (void)n; (void)masks; (void)g;
}

#endif
