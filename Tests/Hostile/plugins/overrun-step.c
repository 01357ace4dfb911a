/* Writes a fifth value into its four-value observation buffer on every step. */
#define HOSTILE_NAME "overrun-step"
#define HOSTILE_ON_STEP obs[4] = 1;
#include "hostile.h"
