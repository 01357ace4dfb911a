#ifndef GYM_OPTIMIZERS_H
#define GYM_OPTIMIZERS_H

/* Adam's elementwise step over n parameters (GymNN's Adam.step calls it once per tensor):
       m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g g,   each flushed to 0 below 1e-30 in magnitude,
       value -= step_size m / (sqrt(v inverse_correction2) + eps),
   in this order, nothing fused into multiply-adds, so every element gets the bits of the scalar formula.
   Vectorised, with an AVX2 variant chosen at load time. */
void gym_adam_update(float *value, const float *grad, float *m, float *v, long n,
                     float b1, float b2, float eps, float step_size, float inverse_correction2);

#endif
