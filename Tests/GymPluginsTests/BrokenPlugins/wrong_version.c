/* A plugin built against a future ABI version. */
#include "gym_plugin.h"
static const char *const ids[] = {"thing-v1", 0};
static const GymPluginV1 table = {99, "future", "9.0", ids, 0, 0, 0, 0, 0};
const GymPluginV1 *gym_plugin_v1(void) { return &table; }
