/* The batched sine and cosine of gym_math.h. The polynomial pass runs over every element, vectorised
   (AVX2 where the processor has it, the baseline otherwise: gym_dispatch.h; both compute the scalar
   code's numbers, as no operation is fused); a second pass gives the elements outside the reduction's
   range to glibc. */
#include "gym_math.h"
#include "gym_dispatch.h"

#pragma clang fp contract(off)

GYM_DISPATCHED(polynomial_pass, static void polynomial_pass(const double *x, double *sine, double *cosine, long n),
               (const double *restrict x, double *restrict sine, double *restrict cosine, long n), (x, sine, cosine, n),
               { for (long i = 0; i < n; i++) { double s, c; gym_sincos_polynomial(x[i], &s, &c); sine[i] = s; cosine[i] = c; } })

void gym_sincos_batch(const double *x, double *sine, double *cosine, long n) {
    polynomial_pass(x, sine, cosine, n);
    for (long i = 0; i < n; i++) {
        if (!gym_reduces(x[i])) { sine[i] = sin(x[i]); cosine[i] = cos(x[i]); }
    }
}

/* The lane kernels of sine and cosine (gym_lanes.h): gym_sincos_batch block by block into scratch rows,
   so that a destination may be the operand. */
enum { GYM_SINCOS_BLOCK = 256 };

void gym_lanes_sincos(double *sine, double *cosine, const double *x, long n) {
    double s[GYM_SINCOS_BLOCK], c[GYM_SINCOS_BLOCK];
    for (long k = 0; k < n; k += GYM_SINCOS_BLOCK) {
        long m = n - k < GYM_SINCOS_BLOCK ? n - k : GYM_SINCOS_BLOCK;
        gym_sincos_batch(x + k, s, c, m);
        if (sine) memcpy(sine + k, s, (size_t)m * sizeof(double));
        if (cosine) memcpy(cosine + k, c, (size_t)m * sizeof(double));
    }
}

void gym_lanes_sin(double *d, const double *a, long n) { gym_lanes_sincos(d, 0, a, n); }
void gym_lanes_cos(double *d, const double *a, long n) { gym_lanes_sincos(0, d, a, n); }
