/* CGymMath is header-only (gym_math.h); SwiftPM needs one source file in a C target. */
#include "gym_math.h"
