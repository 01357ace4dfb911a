#include "gym_plugin.h"

uint32_t gym_plugin_header_abi_version(void) { return GYM_PLUGIN_ABI_VERSION; }
