/*
 * SwiftGym native environment plugins, ABI version 1 (Specs/plugin-abi.md).
 *
 * A plugin is a shared library exporting one function, gym_plugin_v1, that returns a pointer to a
 * static GymPluginV1 table. The host (module GymPlugins, `gym --plugin FILE`, GYM_PLUGIN_PATH)
 * dlopens the library, checks abi_version, and wraps every environment id the plugin lists as a
 * normal SwiftGym environment named "<plugin name>/<env id>".
 *
 * Values cross the boundary as caller-owned arrays of doubles sized from the declared spaces:
 * Discrete -> 1 value (the index), Box -> one per element (row-major), MultiDiscrete/MultiBinary ->
 * one per element. Nothing is allocated per step across the boundary.
 *
 * Errors never cross as crashes: every fallible call returns a GymStatus and writes a NUL-terminated
 * message of at most error_size bytes into the caller's error buffer.
 *
 * Threading: one environment instance is used by one thread at a time; different instances may be
 * used from different threads concurrently.
 */
#ifndef GYM_PLUGIN_H
#define GYM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GYM_PLUGIN_ABI_VERSION 1u

typedef enum GymStatus {
    GYM_OK = 0,
    /* The call failed; the error buffer says why. The environment stays usable (reset it). */
    GYM_ERROR = 1,
    /* step: the action is not in the action space; the state is unchanged. */
    GYM_INVALID_ACTION = 2,
    /* step before reset, or after the episode ended. */
    GYM_WRONG_ORDER = 3
} GymStatus;

/* An environment instance, opaque to the host. */
typedef struct GymEnv GymEnv;

typedef struct GymPluginV1 {
    /* Must equal GYM_PLUGIN_ABI_VERSION; the host refuses other versions. */
    uint32_t abi_version;
    /* The plugin's name (letters, digits, '-', '_') and version, static strings. */
    const char *name;
    const char *version;
    /* The environment ids (name-vN), a NULL-terminated static array. */
    const char *const *environment_ids;

    /* Creates an environment. config_json is a JSON object of parameters ("{}" for defaults), owned
     * by the caller. Returns NULL on failure with a message in error. */
    GymEnv *(*create)(const char *environment_id, const char *config_json, char *error, size_t error_size);

    /* A JSON object describing the environment, owned by the environment and valid until destroy:
     * {"observation_space": <space>, "action_space": <space>, "max_episode_steps": n or null,
     *  "stochastic": true|false, "title": "...", "description": "...", "action_names": [...] (optional)}
     * with spaces as in Specs/protocol.md ({"type": "Discrete", "n": 4, "start": 0}, ...). */
    const char *(*describe)(GymEnv *env);

    /* Starts an episode from seed. SwiftGym's host passes a seed at every reset, so that an episode
     * can be played again from its seed and actions to resume a run (Specs/plugin-abi.md, Resuming);
     * has_seed = 0, from hosts that do not, continues the environment's generator. options_json is
     * "{}" or {"initial_state": ...}. Writes the first observation into observation_out. */
    GymStatus (*reset)(GymEnv *env, uint64_t seed, int has_seed, const char *options_json,
                       double *observation_out, char *error, size_t error_size);

    /* One step. Writes the observation, the reward and the flags. */
    GymStatus (*step)(GymEnv *env, const double *action, double *observation_out, double *reward_out,
                      int *terminated_out, int *truncated_out, char *error, size_t error_size);

    /* Frees the environment. */
    void (*destroy)(GymEnv *env);
} GymPluginV1;

/* The one exported entry point. */
typedef const GymPluginV1 *(*GymPluginEntryV1)(void);
#define GYM_PLUGIN_ENTRY_V1 "gym_plugin_v1"

/* The version of this header, for hosts and plugins. */
uint32_t gym_plugin_header_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif
