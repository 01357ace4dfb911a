#ifndef GYM_MATH_H
#define GYM_MATH_H

/* glibc's sincos (a GNU extension, so not visible through Swift's Glibc module): sin and cos of one
   angle in one call. Its results are those of sin() and cos() (checked in ExpressionTests); C compilers
   make this fusion themselves when a function computes both. */
extern void sincos(double x, double *sine, double *cosine);

static inline void gym_sincos(double x, double *sine, double *cosine) { sincos(x, sine, cosine); }

#endif
