/* A plugin whose environments misbehave in the ways the host must survive:
 * "lying-v1" describes malformed spaces, "failing-v1" fails every step, "refused-v1" cannot be created. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gym_plugin.h"
struct GymEnv { int kind; };
static const char *const ids[] = {"lying-v1", "failing-v1", "refused-v1", 0};
static GymEnv *create(const char *id, const char *config, char *error, size_t size) {
    (void)config;
    if (strcmp(id, "refused-v1") == 0) { snprintf(error, size, "refused: the license server is unreachable"); return 0; }
    GymEnv *env = malloc(sizeof *env);
    env->kind = strcmp(id, "lying-v1") == 0 ? 0 : 1;
    return env;
}
static const char *describe(GymEnv *env) {
    return env->kind == 0 ? "{\"observation_space\": {\"type\": \"Tuple\"}, \"action_space\": {\"type\": \"Discrete\", \"n\": 2}}"
                          : "{\"observation_space\": {\"type\": \"Discrete\", \"n\": 3}, \"action_space\": {\"type\": \"Discrete\", \"n\": 2}, \"stochastic\": false}";
}
static GymStatus reset(GymEnv *env, uint64_t seed, int has_seed, const char *options, double *obs, char *error, size_t size) {
    (void)env; (void)seed; (void)has_seed; (void)options; (void)error; (void)size;
    obs[0] = 0;
    return GYM_OK;
}
static GymStatus step(GymEnv *env, const double *action, double *obs, double *reward, int *term, int *trunc, char *error, size_t size) {
    (void)env; (void)action; (void)obs; (void)reward; (void)term; (void)trunc;
    snprintf(error, size, "simulator diverged");
    return GYM_ERROR;
}
static void destroy(GymEnv *env) { free(env); }
static const GymPluginV1 table = {GYM_PLUGIN_ABI_VERSION, "misbehaving", "0.1", ids, create, describe, reset, step, destroy};
const GymPluginV1 *gym_plugin_v1(void) { return &table; }
