#ifndef GYM_MATH_H
#define GYM_MATH_H

#include <math.h>
#include <stdint.h>
#include <string.h>

/* SwiftGym's sine and cosine: the same numbers from one value and from a batch, on every x86-64 and in
   every build, so that a batch of environments steps bit-identically to one environment stepped alone.

   |x| <= 1e5: a reduction by pi/2 in three parts (the first two have 24 significant bits, so n * part
   is exact), then polynomials on [-pi/4, pi/4] (Cephes' minimax coefficients) and the quadrant's sign
   and swap. Only additions, multiplications and bit operations, with contraction into fused
   multiply-adds off, so that a vector unit computes what the scalar code computes. Larger |x|, infinities
   and NaN go to glibc. The error against the exact value is at most 1.6 ulp (Specs/limits.md; glibc's
   scalar functions: 0.52 ulp); ExpressionTests measure it. */

#pragma clang fp contract(off)

static const double gym_two_over_pi = 0.63661977236758134308;
static const double gym_pio2_1 = 1.57079625129699707031e+00;
static const double gym_pio2_2 = 7.54978941586159635336e-08;
static const double gym_pio2_3 = 5.39030285815811905290e-15;
static const double gym_round_magic = 6755399441055744.0; /* 1.5 * 2^52: x + magic - magic rounds x to an integer */
static const double gym_reduction_limit = 1.0e5;

static inline uint64_t gym_bits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static inline double gym_from_bits(uint64_t u) { double x; memcpy(&x, &u, 8); return x; }

/* sin(r) and cos(r) for r in [-pi/4, pi/4]. */
static inline double gym_sin_kernel(double r) {
    double z = r * r;
    double p = ((((1.58962301576546568060e-10 * z - 2.50507477628578072866e-8) * z + 2.75573136213857245213e-6) * z
                 - 1.98412698295895385996e-4) * z + 8.33333333332211858878e-3) * z - 1.66666666666666307295e-1;
    return r + r * (z * p);
}
static inline double gym_cos_kernel(double r) {
    double z = r * r;
    double p = ((((-1.13585365213876817300e-11 * z + 2.08757008419747316778e-9) * z - 2.75573141792967388112e-7) * z
                 + 2.48015872888517045348e-5) * z - 1.38888888888730564116e-3) * z + 4.16666666666665929218e-2;
    double hz = 0.5 * z, w = 1.0 - hz;
    return w + (((1.0 - w) - hz) + (z * z) * p);  /* 1 - z/2 with its rounding error carried */
}

/* Both functions by the polynomials; exact meaning only for |x| <= gym_reduction_limit. */
static inline void gym_sincos_polynomial(double x, double *sine, double *cosine) {
    double t = x * gym_two_over_pi + gym_round_magic;
    uint64_t q = gym_bits(t);  /* the low bits of t's mantissa hold the quadrant n (two's complement) */
    double n = t - gym_round_magic;
    double r = ((x - n * gym_pio2_1) - n * gym_pio2_2) - n * gym_pio2_3;
    double s = gym_sin_kernel(r), c = gym_cos_kernel(r);
    int odd = (q & 1) != 0;
    double sv = odd ? c : s, cv = odd ? s : c;
    sv = gym_from_bits(gym_bits(sv) ^ ((q & 2) << 62));
    *sine = fabs(x) < 0x1p-26 ? x : sv;  /* sin(x) rounds to x there (and keeps the sign of -0) */
    *cosine = gym_from_bits(gym_bits(cv) ^ (((q + 1) & 2) << 62));
}

static inline int gym_reduces(double x) { return fabs(x) <= gym_reduction_limit; }

static inline void gym_sincos(double x, double *sine, double *cosine) {
    if (gym_reduces(x)) gym_sincos_polynomial(x, sine, cosine);
    else { *sine = sin(x); *cosine = cos(x); }
}
static inline double gym_sin(double x) { double s, c; gym_sincos(x, &s, &c); return s; }
static inline double gym_cos(double x) { double s, c; gym_sincos(x, &s, &c); return c; }

/* Over n values (x, sine and cosine must not overlap): element i is
   gym_sin(x[i]) and gym_cos(x[i]) exactly. Vectorised, with an AVX2 variant chosen at load time. */
void gym_sincos_batch(const double *x, double *sine, double *cosine, long n);

#include "gym_lanes.h"

#endif
