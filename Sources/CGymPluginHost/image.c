#define _GNU_SOURCE
#include "gym_plugin_host.h"

#include <dlfcn.h>
#include <stddef.h>

/* dladdr is a GNU extension, which the Swift Glibc module does not expose. */
const char *gym_image_path(const void *address) {
    Dl_info info;
    if (dladdr(address, &info) == 0) return NULL;
    return info.dli_fname;
}
