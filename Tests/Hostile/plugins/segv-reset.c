/* Dereferences NULL in reset. */
#define HOSTILE_NAME "segv-reset"
#define HOSTILE_ON_RESET *nowhere = 1;
#include "hostile.h"
