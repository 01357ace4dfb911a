#include "gym_dispatch.h"

int gym_has_avx2 = 0;

/* Runs when the library loads, after the dynamic linker (and any sanitizer) has started. */
__attribute__((constructor)) static void gym_detect_processor(void) {
    __builtin_cpu_init();
    gym_has_avx2 = __builtin_cpu_supports("avx2");
}
