/* Calls exit(3) in reset. */
#define HOSTILE_NAME "exit-reset"
#define HOSTILE_ON_RESET exit(3);
#include "hostile.h"
