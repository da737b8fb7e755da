#ifndef QOMPRESS_CLAPACK_SHIM_H
#define QOMPRESS_CLAPACK_SHIM_H
// C99 complex types are not importable into Swift: declare LAPACKE's complex
// scalars as plain structs of two doubles (same layout as `double _Complex`
// and as swift-numerics' `Complex<Double>`).
typedef struct { double real, imag; } qompress_complex_double;
typedef struct { float real, imag; } qompress_complex_float;
#define lapack_complex_double qompress_complex_double
#define lapack_complex_float qompress_complex_float
#include <cblas.h>
#include <lapacke.h>
#endif
