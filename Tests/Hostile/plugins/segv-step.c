/* Dereferences NULL on its third step of an episode. */
#define HOSTILE_NAME "segv-step"
#define HOSTILE_ON_STEP if (env->steps == 3) *nowhere = 1;
#include "hostile.h"
