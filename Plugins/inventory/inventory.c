/*
 * An inventory-control environment as a SwiftGym plugin (ABI v1), configured with json-c.
 *
 * State: the stock on hand, 0..capacity. Each step the agent orders 0..max_order units (they arrive at
 * once, stock is capped at capacity), then a Poisson(demand_rate) demand is served from stock.
 * Reward: price * units sold - order_cost * units ordered - holding_cost * units left over.
 * Observation: Discrete(capacity + 1), the stock. Action: Discrete(max_order + 1), the order.
 * Start: stock initial_stock (or options {"initial_state": n}). Episodes are truncated after 100 steps.
 * Random numbers: SplitMix64 seeded by reset's seed; one uniform per Poisson factor (Knuth's method).
 *
 * Build: cc -shared -fPIC -I Sources/CGymPlugin/include Plugins/inventory/inventory.c -ljson-c -o libinventory.so
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gym_plugin.h"

struct GymEnv {
    int capacity, max_order, initial_stock;
    double demand_rate, price, order_cost, holding_cost;
    uint64_t rng;
    int stock;
    int phase; /* 0 needs reset, 1 running, 2 ended */
    char description[1024];
};

static uint64_t next_u64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static double next_double(uint64_t *state) { return (double)(next_u64(state) >> 11) * 0x1.0p-53; }

static int poisson(uint64_t *state, double rate) {
    double limit = exp(-rate), product = next_double(state);
    int k = 0;
    while (product > limit) { k++; product *= next_double(state); }
    return k;
}

static const char *const ids[] = {"inventory-v1", NULL};

static int read_number(struct json_object *config, const char *key, double *value, char *error, size_t error_size) {
    struct json_object *item;
    if (!json_object_object_get_ex(config, key, &item)) return 1;
    if (!json_object_is_type(item, json_type_double) && !json_object_is_type(item, json_type_int)) {
        snprintf(error, error_size, "inventory: config '%s' must be a number", key);
        return 0;
    }
    *value = json_object_get_double(item);
    return 1;
}

static GymEnv *create(const char *id, const char *config_json, char *error, size_t error_size) {
    if (strcmp(id, "inventory-v1") != 0) {
        snprintf(error, error_size, "inventory: unknown environment '%s' (this plugin provides inventory-v1)", id);
        return NULL;
    }
    struct json_object *config = json_tokener_parse(config_json ? config_json : "{}");
    if (!config || !json_object_is_type(config, json_type_object)) {
        snprintf(error, error_size, "inventory: the configuration is not a JSON object");
        if (config) json_object_put(config);
        return NULL;
    }
    static const char *known[] = {"capacity", "max_order", "initial_stock", "demand_rate", "price", "order_cost", "holding_cost", NULL};
    json_object_object_foreach(config, key, unused) {
        (void)unused;
        int found = 0;
        for (int i = 0; known[i]; i++) found |= strcmp(key, known[i]) == 0;
        if (!found) {
            snprintf(error, error_size, "inventory: unknown parameter '%s' (known: capacity, max_order, initial_stock, demand_rate, price, order_cost, holding_cost)", key);
            json_object_put(config);
            return NULL;
        }
    }
    double capacity = 10, max_order = 5, initial_stock = 5, demand_rate = 2.5, price = 4, order_cost = 2, holding_cost = 0.5;
    int ok = read_number(config, "capacity", &capacity, error, error_size) && read_number(config, "max_order", &max_order, error, error_size)
        && read_number(config, "initial_stock", &initial_stock, error, error_size) && read_number(config, "demand_rate", &demand_rate, error, error_size)
        && read_number(config, "price", &price, error, error_size) && read_number(config, "order_cost", &order_cost, error, error_size)
        && read_number(config, "holding_cost", &holding_cost, error, error_size);
    json_object_put(config);
    if (!ok) return NULL;
    if (capacity < 1 || capacity > 1000 || max_order < 0 || initial_stock < 0 || initial_stock > capacity || demand_rate <= 0 || demand_rate > 100) {
        snprintf(error, error_size, "inventory: need 1 <= capacity <= 1000, max_order >= 0, 0 <= initial_stock <= capacity, 0 < demand_rate <= 100");
        return NULL;
    }
    GymEnv *env = calloc(1, sizeof(GymEnv));
    if (!env) { snprintf(error, error_size, "inventory: out of memory"); return NULL; }
    env->capacity = (int)capacity; env->max_order = (int)max_order; env->initial_stock = (int)initial_stock;
    env->demand_rate = demand_rate; env->price = price; env->order_cost = order_cost; env->holding_cost = holding_cost;
    env->rng = 0x5EEDull;
    snprintf(env->description, sizeof env->description,
             "{\"observation_space\": {\"type\": \"Discrete\", \"n\": %d, \"start\": 0}, "
             "\"action_space\": {\"type\": \"Discrete\", \"n\": %d, \"start\": 0}, \"max_episode_steps\": 100, \"stochastic\": true, "
             "\"title\": \"Inventory control with Poisson demand (C plugin, json-c config)\", "
             "\"description\": \"Stock 0..%d; order 0..%d units per step; Poisson(%g) demand; reward = %g per unit sold - %g per unit ordered - %g per unit held.\", "
             "\"parameters\": {\"capacity\": 10, \"max_order\": 5, \"initial_stock\": 5, \"demand_rate\": 2.5, \"price\": 4, \"order_cost\": 2, \"holding_cost\": 0.5}}",
             env->capacity + 1, env->max_order + 1, env->capacity, env->max_order, env->demand_rate, env->price, env->order_cost, env->holding_cost);
    return env;
}

static const char *describe(GymEnv *env) { return env->description; }

static GymStatus reset(GymEnv *env, uint64_t seed, int has_seed, const char *options_json, double *observation, char *error, size_t error_size) {
    if (has_seed) env->rng = seed;
    env->stock = env->initial_stock;
    struct json_object *options = json_tokener_parse(options_json ? options_json : "{}");
    struct json_object *initial;
    if (options && json_object_object_get_ex(options, "initial_state", &initial)) {
        if (!json_object_is_type(initial, json_type_int) || json_object_get_int(initial) < 0 || json_object_get_int(initial) > env->capacity) {
            snprintf(error, error_size, "inventory: initial_state must be a stock level 0..%d", env->capacity);
            json_object_put(options);
            return GYM_ERROR;
        }
        env->stock = json_object_get_int(initial);
    }
    if (options) json_object_put(options);
    env->phase = 1;
    observation[0] = env->stock;
    return GYM_OK;
}

static GymStatus step(GymEnv *env, const double *action, double *observation, double *reward, int *terminated, int *truncated, char *error, size_t error_size) {
    if (env->phase != 1) {
        snprintf(error, error_size, env->phase == 0 ? "inventory: step() called before reset()" : "inventory: step() called after the episode ended");
        return GYM_WRONG_ORDER;
    }
    double a = action[0];
    if (!(a >= 0 && a <= env->max_order) || a != floor(a)) {
        snprintf(error, error_size, "inventory: order %g is not an integer in 0..%d", a, env->max_order);
        return GYM_INVALID_ACTION;
    }
    int order = (int)a;
    int available = env->stock + order < env->capacity ? env->stock + order : env->capacity;
    int demand = poisson(&env->rng, env->demand_rate);
    int sold = demand < available ? demand : available;
    env->stock = available - sold;
    *reward = env->price * sold - env->order_cost * order - env->holding_cost * env->stock;
    *terminated = 0;
    *truncated = 0;
    observation[0] = env->stock;
    return GYM_OK;
}

static void destroy(GymEnv *env) { free(env); }

static const GymPluginV1 table = {GYM_PLUGIN_ABI_VERSION, "inventory", "1.0.0", ids, create, describe, reset, step, destroy};

const GymPluginV1 *gym_plugin_v1(void) { return &table; }
