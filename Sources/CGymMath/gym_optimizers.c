/* The optimisers' elementwise kernels (gym_optimizers.h), compiled for AVX2 and for the baseline. */
#include "gym_optimizers.h"
#include "gym_dispatch.h"

#pragma clang fp contract(off)

/* Element i of every array depends on element i alone; __builtin_elementwise_sqrt is the IEEE square
   root without errno, which lets the loop vectorise. Moments below 1e-30 are flushed to zero: a parameter
   whose gradient stays exactly zero (a dead ReLU unit) would otherwise decay them into denormals, which
   are many times slower. */
GYM_DISPATCHED(adam, void gym_adam_update(float *value, const float *grad, float *m, float *v, long n, float b1, float b2,
                                           float eps, float step_size, float inverse_correction2),
    (float *value, const float *grad, float *m, float *v, long n, float b1, float b2, float eps, float step_size,
     float inverse_correction2),
    (value, grad, m, v, n, b1, b2, eps, step_size, inverse_correction2),
    {
        const float tiny = 1e-30f;
        _Pragma("clang loop vectorize(assume_safety)")
        for (long i = 0; i < n; i++) {
            float g = grad[i];
            float mi = b1 * m[i] + (1 - b1) * g;
            float vi = b2 * v[i] + (1 - b2) * g * g;
            mi = (mi < tiny && mi > -tiny) ? 0 : mi;
            vi = vi < tiny ? 0 : vi;
            m[i] = mi;
            v[i] = vi;
            value[i] -= step_size * mi / (__builtin_elementwise_sqrt(vi * inverse_correction2) + eps);
        }
    })
