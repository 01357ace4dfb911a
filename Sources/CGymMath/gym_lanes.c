/* The lane kernels of gym_lanes.h: one loop per operation, each compiled for AVX2 and for the baseline
   (gym_dispatch.h). */
#include "gym_lanes.h"
#include "gym_dispatch.h"

#pragma clang fp contract(off)

/* Element i of the result depends on element i of the operands only, so a destination that is one of
   the operands is safe to vectorise over: the loops tell the vectoriser so. */
#define LANES _Pragma("clang loop vectorize(assume_safety)") for

#define UNARY(name, expr) GYM_DISPATCHED(name, void gym_lanes_##name(double *d, const double *a, long n), \
    (double *d, const double *a, long n), (d, a, n), \
    { LANES (long i = 0; i < n; i++) { double x = a[i]; d[i] = (expr); } })
#define BINARY(name, expr) GYM_DISPATCHED(name, void gym_lanes_##name(double *d, const double *a, const double *b, long n), \
    (double *d, const double *a, const double *b, long n), (d, a, b, n), \
    { LANES (long i = 0; i < n; i++) { double x = a[i], y = b[i]; d[i] = (expr); } })
#define TERNARY(name, expr) GYM_DISPATCHED(name, \
    void gym_lanes_##name(double *d, const double *a, const double *b, const double *c, long n), \
    (double *d, const double *a, const double *b, const double *c, long n), (d, a, b, c, n), \
    { LANES (long i = 0; i < n; i++) { double x = a[i], y = b[i], z = c[i]; d[i] = (expr); } })

/* As Opcode+Definitions.swift's scalar functions compute them. */
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

/* x - x is NaN for an infinite or NaN x. */
#define FINITE_BODY { int finite = 1; for (long i = 0; i < n; i++) finite &= (a[i] - a[i] == 0); *result = finite; }
GYM_DISPATCHED(finite, static void all_finite(const double *a, long n, int *result), (const double *a, long n, int *result),
               (a, n, result), FINITE_BODY)
int gym_lanes_finite(const double *a, long n) { int result; all_finite(a, n, &result); return result; }

GYM_DISPATCHED(store_float, void gym_lanes_store_float(float *out, long stride, const double *a, long n),
               (float *out, long stride, const double *a, long n), (out, stride, a, n),
               { for (long i = 0; i < n; i++) out[i * stride] = (float)a[i]; })
