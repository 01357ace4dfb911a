/* The lane kernels of gym_lanes.h: one loop per operation, each compiled for AVX2 and for the baseline,
   the variant chosen when the library loads. */
#include "gym_lanes.h"

#pragma clang fp contract(off)

#define KERNEL __attribute__((target_clones("avx2", "default")))
#define UNARY(name, expr) \
    KERNEL void gym_lanes_##name(double *d, const double *a, long n) { \
        for (long i = 0; i < n; i++) { double x = a[i]; d[i] = (expr); } }
#define BINARY(name, expr) \
    KERNEL void gym_lanes_##name(double *d, const double *a, const double *b, long n) { \
        for (long i = 0; i < n; i++) { double x = a[i], y = b[i]; d[i] = (expr); } }
#define TERNARY(name, expr) \
    KERNEL void gym_lanes_##name(double *d, const double *a, const double *b, const double *c, long n) { \
        for (long i = 0; i < n; i++) { double x = a[i], y = b[i], z = c[i]; d[i] = (expr); } }

/* As Program.swift's `evaluate` computes them. */
static inline double lanes_min(double x, double y) { return y < x ? y : x; }
static inline double lanes_max(double x, double y) { return y > x ? y : x; }
static inline double lanes_clip(double x, double low, double high) { double m = low >= x ? low : x; return high < m ? high : m; }

UNARY(move, x)
UNARY(neg, -x)
UNARY(abs, __builtin_fabs(x))
BINARY(add, x + y)
BINARY(sub, x - y)
BINARY(mul, x * y)
BINARY(div, x / y)
BINARY(lt, x < y ? 1.0 : 0.0)
BINARY(le, x <= y ? 1.0 : 0.0)
BINARY(gt, x > y ? 1.0 : 0.0)
BINARY(ge, x >= y ? 1.0 : 0.0)
BINARY(eq, x == y ? 1.0 : 0.0)
BINARY(ne, x != y ? 1.0 : 0.0)
BINARY(min, lanes_min(x, y))
BINARY(max, lanes_max(x, y))
TERNARY(select, x != 0 ? y : z)
TERNARY(clip, lanes_clip(x, y, z))
TERNARY(add_mul, x + (y * z))
TERNARY(sub_mul, x - (y * z))
TERNARY(mul_div, (y * z) / x)
TERNARY(mul_mul, (y * z) * x)
TERNARY(or_lt, (x != 0 || y < z) ? 1.0 : 0.0)
TERNARY(or_gt, (x != 0 || y > z) ? 1.0 : 0.0)
TERNARY(or_le, (x != 0 || y <= z) ? 1.0 : 0.0)
TERNARY(or_ge, (x != 0 || y >= z) ? 1.0 : 0.0)

KERNEL int gym_lanes_finite(const double *a, long n) {
    int finite = 1;
    for (long i = 0; i < n; i++) finite &= (a[i] - a[i] == 0);  /* x - x is NaN for an infinite or NaN x */
    return finite;
}

KERNEL void gym_lanes_store_float(float *out, long stride, const double *a, long n) {
    for (long i = 0; i < n; i++) out[i * stride] = (float)a[i];
}
