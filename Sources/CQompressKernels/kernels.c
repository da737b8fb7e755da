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
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    return (ebx & (1u << 5)) ? 1 : 0;
}

__attribute__((target("avx2,fma")))
void qk_rotate_runs(double *p, long doubles, long run, double a, double b, double c, double d) {
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

#else

int qk_has_avx2_fma(void) { return 0; }

// Never called: callers check qk_has_avx2_fma() first.
void qk_rotate_runs(double *p, long doubles, long run, double a, double b, double c, double d) {
    (void)p; (void)doubles; (void)run; (void)a; (void)b; (void)c; (void)d;
}

void qk_rotate_both(double *psi, double *lam, long half, long first, long last,
                    double a, double b, double c, double d, int measuring, double *sums) {
    (void)psi; (void)lam; (void)half; (void)first; (void)last;
    (void)a; (void)b; (void)c; (void)d; (void)measuring; (void)sums;
}

#endif
