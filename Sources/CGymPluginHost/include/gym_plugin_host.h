/*
 * The plugin host's guard pages and fault reporter (`gym plugin-host`, Specs/plugin-abi.md).
 *
 * In the child process that runs a plugin, every buffer the plugin writes or reads (an instance's
 * observation and action values) ends exactly where an inaccessible page begins. A plugin that writes
 * past its observation buffer, or reads past its action buffer, faults on that page. The fault handler
 * recognises the page, writes one fault frame to the host's socket (which buffer, which value index),
 * and ends the process; the supervising `gym` reads the frame and names the overrun. Any other fault
 * takes the default action, so the supervisor sees the signal itself.
 */
#ifndef GYM_PLUGIN_HOST_H
#define GYM_PLUGIN_HOST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which buffer a guard page closes. */
enum { GYM_GUARD_OBSERVATION = 1, GYM_GUARD_ACTION = 2 };

/* The fault frame's operation byte (after the 4-byte little-endian length): then one byte of buffer
 * kind and a 4-byte little-endian value index. */
enum { GYM_FAULT_FRAME = 0x7f };

/* Room for `count` doubles (at least one), zeroed, ending at an inaccessible page; NULL when the
 * mapping fails or 65,536 guarded buffers are already in use. */
double *gym_guarded_doubles(size_t count, int kind);

/* Releases a buffer from gym_guarded_doubles with the same count. */
void gym_guarded_release(double *buffer, size_t count);

/* Installs the SIGSEGV and SIGBUS handler that reports guard-page faults on `fd`; 0 on success. */
int gym_install_fault_reporter(int fd);

/* The path of the executable or shared library mapped at `address` (owned by the loader), or NULL. */
const char *gym_image_path(const void *address);

#ifdef __cplusplus
}
#endif

#endif
