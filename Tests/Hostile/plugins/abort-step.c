/* Calls abort() on its second step of an episode. */
#define HOSTILE_NAME "abort-step"
#define HOSTILE_ON_STEP if (env->steps == 2) abort();
#include "hostile.h"
