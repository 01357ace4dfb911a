/* Returns describe() text that is not JSON (it stops in the middle of an object). */
#define HOSTILE_NAME "bad-describe"
#define HOSTILE_DESCRIBE "{\"observation_space\": {\"type\": \"Discrete\", "
#include "hostile.h"
