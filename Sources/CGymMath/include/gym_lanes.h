#ifndef GYM_LANES_H
#define GYM_LANES_H

/* The arithmetic of the expression interpreter over n lanes at once: element i of d is the operation on
   element i of a, b and c, exactly as the scalar interpreter computes it (the same IEEE operations, none
   fused, so a vector unit's result is the scalar result). The destination may be one of the operands.
   Which kernel runs which opcode is declared once, in Sources/GymExpressions/Opcode+Definitions.swift.
   Vectorised, with an AVX2 variant chosen at load time. Comparisons give 1.0 or 0.0. */

#define GYM_LANES_UNARY(name) void gym_lanes_##name(double *d, const double *a, long n);
#define GYM_LANES_BINARY(name) void gym_lanes_##name(double *d, const double *a, const double *b, long n);
#define GYM_LANES_TERNARY(name) void gym_lanes_##name(double *d, const double *a, const double *b, const double *c, long n);

GYM_LANES_UNARY(move)
GYM_LANES_UNARY(neg)
GYM_LANES_UNARY(abs)
GYM_LANES_BINARY(add)
GYM_LANES_BINARY(sub)
GYM_LANES_BINARY(mul)
GYM_LANES_BINARY(div)
GYM_LANES_BINARY(lt)
GYM_LANES_BINARY(le)
GYM_LANES_BINARY(gt)
GYM_LANES_BINARY(ge)
GYM_LANES_BINARY(eq)
GYM_LANES_BINARY(ne)
GYM_LANES_BINARY(min)     /* b < a ? b : a */
GYM_LANES_BINARY(max)     /* b > a ? b : a */
GYM_LANES_TERNARY(select) /* a != 0 ? b : c */
GYM_LANES_TERNARY(clip)   /* with m = b >= a ? b : a: c < m ? c : m */
GYM_LANES_TERNARY(add_mul) /* a + b * c */
GYM_LANES_TERNARY(sub_mul) /* a - b * c */
GYM_LANES_TERNARY(mul_div) /* (b * c) / a */
GYM_LANES_TERNARY(mul_mul) /* (b * c) * a */
GYM_LANES_TERNARY(or_lt)  /* a != 0 || b < c */
GYM_LANES_TERNARY(or_gt)
GYM_LANES_TERNARY(or_le)
GYM_LANES_TERNARY(or_ge)
GYM_LANES_UNARY(sin)      /* gym_sin (gym_math.h) */
GYM_LANES_UNARY(cos)      /* gym_cos */

/* sine[i] = gym_sin(x[i]) and cosine[i] = gym_cos(x[i]); either may be NULL, and either may be x. */
void gym_lanes_sincos(double *sine, double *cosine, const double *x, long n);

/* 1 when every one of a[0..<n] is finite, else 0. */
int gym_lanes_finite(const double *a, long n);
/* out[i * stride] = (float)a[i]: one component of n rows of Float observations. */
void gym_lanes_store_float(float *out, long stride, const double *a, long n);

#undef GYM_LANES_UNARY
#undef GYM_LANES_BINARY
#undef GYM_LANES_TERNARY

#endif
