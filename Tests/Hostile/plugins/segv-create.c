/* Dereferences NULL in create. */
#define HOSTILE_NAME "segv-create"
#define HOSTILE_ON_CREATE *nowhere = 1;
#include "hostile.h"
