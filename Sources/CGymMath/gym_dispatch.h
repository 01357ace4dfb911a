#ifndef GYM_DISPATCH_H
#define GYM_DISPATCH_H

/* Each batched kernel is compiled twice, for AVX2 and for the baseline, and picks one per call from a
   flag set once when the library loads. (Not with target_clones: its ifunc resolver runs while the
   dynamic linker relocates, before ThreadSanitizer has started, and an instrumented resolver crashes.)
   Both variants compute the same numbers: nothing is fused into multiply-adds. */

extern int gym_has_avx2;

/* The two variants of a kernel named NAME with parameters PARAMS and the body that follows (which may
   hold commas), and the dispatcher with signature SIGNATURE, calling with ARGS. */
#define GYM_DISPATCHED(NAME, SIGNATURE, PARAMS, ARGS, ...) \
    __attribute__((target("avx2"))) static void NAME##_avx2 PARAMS __VA_ARGS__ \
    static void NAME##_baseline PARAMS __VA_ARGS__ \
    SIGNATURE { if (gym_has_avx2) NAME##_avx2 ARGS; else NAME##_baseline ARGS; }

#endif
