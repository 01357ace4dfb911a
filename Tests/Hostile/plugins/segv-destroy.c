/* Dereferences NULL in destroy. */
#define HOSTILE_NAME "segv-destroy"
#define HOSTILE_ON_DESTROY *nowhere = 1;
#include "hostile.h"
