/* The common body of the hostile plugins: a five-step corridor with a Box(4) observation and two
 * actions, correct in every way but the one fault each plugin file adds through these hooks:
 *   HOSTILE_NAME      the plugin's name (required)
 *   HOSTILE_ON_CREATE, HOSTILE_ON_RESET, HOSTILE_ON_DESTROY   statements run in those calls
 *   HOSTILE_ON_STEP   statements run in step, with `env->steps` (1 for the first) and `obs`
 *   HOSTILE_DESCRIBE  the describe() text
 * A fault reached through `nowhere` is a real store to address 0, which the compiler cannot turn into
 * a trap instruction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gym_plugin.h"

#ifndef HOSTILE_ON_CREATE
#define HOSTILE_ON_CREATE
#endif
#ifndef HOSTILE_ON_RESET
#define HOSTILE_ON_RESET
#endif
#ifndef HOSTILE_ON_STEP
#define HOSTILE_ON_STEP
#endif
#ifndef HOSTILE_ON_DESTROY
#define HOSTILE_ON_DESTROY
#endif
#ifndef HOSTILE_DESCRIBE
#define HOSTILE_DESCRIBE \
    "{\"observation_space\": {\"type\": \"Box\", \"low\": [0, 0, 0, 0], \"high\": [5, 5, 5, 5], \"shape\": [4]}," \
    " \"action_space\": {\"type\": \"Discrete\", \"n\": 2}, \"stochastic\": false, \"max_episode_steps\": 20}"
#endif

static int *volatile nowhere = 0;
static volatile int spinning = 1;

struct GymEnv { int steps; int position; int running; };
static const char *const ids[] = {"corridor-v1", 0};

static GymEnv *create(const char *id, const char *config, char *error, size_t size) {
    (void)config;
    HOSTILE_ON_CREATE
    if (strcmp(id, "corridor-v1") != 0) { snprintf(error, size, "unknown environment %s", id); return 0; }
    GymEnv *env = calloc(1, sizeof *env);
    return env;
}

static const char *describe(GymEnv *env) { (void)env; return HOSTILE_DESCRIBE; }

static void observe(const GymEnv *env, double *obs) {
    for (int k = 0; k < 4; k++) obs[k] = k == 0 ? env->position : 0;
}

static GymStatus reset(GymEnv *env, uint64_t seed, int has_seed, const char *options, double *obs, char *error, size_t size) {
    (void)seed; (void)has_seed; (void)options; (void)error; (void)size;
    HOSTILE_ON_RESET
    env->steps = 0;
    env->position = 0;
    env->running = 1;
    observe(env, obs);
    return GYM_OK;
}

static GymStatus step(GymEnv *env, const double *action, double *obs, double *reward, int *term, int *trunc, char *error, size_t size) {
    if (!env->running) { snprintf(error, size, "step outside an episode"); return GYM_WRONG_ORDER; }
    if (!(action[0] == 0 || action[0] == 1)) { snprintf(error, size, "action %g is not 0 or 1", action[0]); return GYM_INVALID_ACTION; }
    env->steps += 1;
    HOSTILE_ON_STEP
    env->position += 1;
    *term = env->position == 5;
    *trunc = 0;
    env->running = !*term;
    *reward = *term ? 1 : 0;
    observe(env, obs);
    return GYM_OK;
}

static void destroy(GymEnv *env) {
    HOSTILE_ON_DESTROY
    free(env);
}

static const GymPluginV1 table = {GYM_PLUGIN_ABI_VERSION, HOSTILE_NAME, "0.1", ids, create, describe, reset, step, destroy};
const GymPluginV1 *gym_plugin_v1(void) { return &table; }
