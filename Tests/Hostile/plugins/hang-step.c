/* Loops forever on its first step. */
#define HOSTILE_NAME "hang-step"
#define HOSTILE_ON_STEP while (spinning) {}
#include "hostile.h"
