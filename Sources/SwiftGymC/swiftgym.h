/* SwiftGym's C ABI (libSwiftGymC.so), version 1: environments driven from C or Python, a batch at a
   time. Specs/c-abi.md is the normative description; this header is its declarations.

   Every function that can fail returns a negative status (or NULL) and leaves a message in
   sg_last_error() and a code (SG_ERROR_*) in sg_last_error_code(), on the calling thread. One handle is used by one thread at a time; different
   handles may be used on different threads. Strings the library returns are the caller's to release
   with sg_free. */
#ifndef SWIFTGYM_H
#define SWIFTGYM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SWIFTGYM_ABI_VERSION 1

typedef struct sg_vector sg_vector;
typedef struct sg_game sg_game;

/* The ABI version of the loaded library (SWIFTGYM_ABI_VERSION when they match). */
int32_t sg_abi_version(void);
/* The message of the last failure on this thread ("" before any); valid until this thread's next failure. */
const char *sg_last_error(void);
/* The code of the last failure on this thread: what kind of failure it was, for callers to branch on
   (never on the message's words). SG_ERROR_NONE before any failure; a success leaves it as it was. */
int32_t sg_last_error_code(void);

/* Error codes (sg_last_error_code). */
enum {
    SG_ERROR_NONE = 0,             /* no call has failed on this thread */
    SG_ERROR_UNKNOWN_ID = 1,       /* an id that is not registered (the message suggests close ids) */
    SG_ERROR_INVALID_ARGUMENT = 2, /* parameters, reset options, a mode, a copy index, a buffer size, a path, the wrong kind of id */
    SG_ERROR_INVALID_ACTION = 3,   /* an action outside the space; for a game a missing, unknown or finished agent's too; nothing moved */
    SG_ERROR_RESET_NEEDED = 4,     /* a step before the first reset, or after the episode ended (outside next-step mode) */
    SG_ERROR_INVALID_FILE = 5,     /* a file that cannot be read or is no valid environment: JSON syntax, the specification, Gambit */
    SG_ERROR_PLUGIN = 6,           /* a plugin that cannot be loaded, or that failed, crashed or hung in a call */
    SG_ERROR_ENVIRONMENT = 7,      /* the environment failed while running (a NaN reward, a picture it could not draw) */
    SG_ERROR_OTHER = 8             /* any other failure; the message says what */
};
/* Releases a string returned by the library. */
void sg_free(char *text);

/* Loads a plugin library (its environments join the registry). 0, or -1. */
int32_t sg_load_plugin(const char *path);
/* The same, each of its environments running in a supervised `gym plugin-host` child process: a plugin
 * that crashes, exits or hangs fails its call (the error names the plugin, the call and the signal)
 * instead of ending the caller. `timeout_seconds` bounds one call (0: the default, 10). The host is
 * GYM_PLUGIN_HOST, else the `gym` executable beside this library or above it. 0, or -1. */
int32_t sg_load_plugin_isolated(const char *path, double timeout_seconds);
/* The registered ids, as a JSON array of strings. */
char *sg_ids(void);
/* An environment described as JSON: id, title, description, kind, max_episode_steps, reward_range,
   action_names, stochastic, discount, observation_space and action_space (as Specs/protocol.md writes
   spaces) with their numpy dtypes, render_modes (of "ansi" and "rgb_array", those it renders), and for
   a known tabular model its states, actions, terminal flags, start distribution and transitions. `id`
   is an id or a file path; `parameters` a JSON object of overrides, or NULL. NULL on error. */
char *sg_describe(const char *id, const char *parameters);

/* Autoreset modes. */
enum { SG_NEXT_STEP = 0, SG_SAME_STEP = 1, SG_DISABLED = 2 };

/* A vector of `count` copies of an environment; `threads` 0 for the default. NULL on error. */
sg_vector *sg_vector_create(const char *id, const char *parameters, int64_t count, int32_t autoreset, int32_t threads);
/* Binds the caller's buffers, written after every reset and step: observations (count rows of float32
   for a Box, one int64 for a Discrete, a row of int64 for MultiDiscrete and MultiBinary), rewards
   (float64), terminated and truncated (one byte each, 0 or 1), and final observations (as observations;
   same-step mode, rows of copies whose episode ended on the last step; may be NULL). 0, or -1. */
int32_t sg_vector_bind(sg_vector *vector, void *observations, double *rewards, uint8_t *terminated, uint8_t *truncated,
                       void *final_observations);
/* Resets the copies whose `mask` byte is not 0 (all when `mask` is NULL), copy i with seeds[i] (none when
   `seeds` is NULL); `options` a JSON object ({"initial_state": ...}) or NULL. 0, or -1 with nothing reset
   after the failing copy. */
int32_t sg_vector_reset(sg_vector *vector, const uint64_t *seeds, const uint8_t *mask, const char *options);
/* Steps every copy: `actions` holds count int64 indices (Discrete), count rows of float64 (Box) or count
   rows of int64 (MultiDiscrete, MultiBinary). An invalid action fails with the copy's index, and no copy
   moves. 1 when some copy's info is not empty (see sg_vector_infos), 0 when none is, or -1. */
int32_t sg_vector_step(sg_vector *vector, const void *actions);
/* The Discrete action written as `text` (an action's name, else an integer: a name wins), into *action.
   0, or -1 for an unknown name or an action space that is not Discrete. */
int32_t sg_vector_action_from_text(sg_vector *vector, const char *text, int64_t *action);
/* Each copy's info of the last call, as a JSON array of objects. */
char *sg_vector_infos(sg_vector *vector);
/* Copy `copy`'s text picture (its environment's render: a grid with the agent, the state variables, the
   round); "" for an environment without one. NULL for a copy out of range. */
char *sg_vector_render(sg_vector *vector, int64_t copy);
/* Copy `copy`'s RGB frame (render_mode "rgb_array"): sg_vector_frame_shape writes the frame's height and
   width into shape[0] and shape[1] and returns 1, or returns 0 for an environment that draws no picture
   (a plugin), or -1 for a copy out of range. sg_vector_frame then draws the frame into `out`, height ×
   width × 3 bytes, rows from the top, red, green, blue; 0, or -1 when the buffer is smaller. */
int32_t sg_vector_frame_shape(sg_vector *vector, int64_t copy, int64_t shape[2]);
int32_t sg_vector_frame(sg_vector *vector, int64_t copy, uint8_t *out, int64_t capacity);
/* 1 when some copy's info of the last call is not empty, else 0 (so that callers skip sg_vector_infos). */
int32_t sg_vector_has_infos(sg_vector *vector);
/* Releases the vector (NULL is allowed). */
void sg_vector_destroy(sg_vector *vector);

/* Games whose players are all agents (the parallel API): JSON text in and out, keyed by agent. */
/* The registered games' ids, as a JSON array (sg_ids lists the single-agent environments). */
char *sg_game_ids(void);
/* A game by id or file (a JSON matrix game with players, a Gambit .nfg file), or NULL. */
sg_game *sg_game_create(const char *id, const char *parameters);
/* id, title, description, kind, possible_agents, max_episode_steps, render_modes, and per agent
   observation_spaces, action_spaces and action_names. */
char *sg_game_describe(sg_game *game);
/* {"observations", "infos", "agents"}; the seed is used when has_seed is not 0. NULL on error. */
char *sg_game_reset(sg_game *game, int32_t has_seed, uint64_t seed);
/* One step: `actions` is a JSON object with one action per live agent (a number for Discrete, a list
   otherwise). {"observations", "rewards", "terminations", "truncations", "infos", "agents"}, or NULL
   when an action is missing, unknown or invalid (nothing moved). */
char *sg_game_step(sg_game *game, const char *actions);
/* The text picture of the last round. */
char *sg_game_render(sg_game *game);
/* The game's RGB frame (the payoff table with the last moves), as sg_vector_frame_shape and sg_vector_frame. */
int32_t sg_game_frame_shape(sg_game *game, int64_t shape[2]);
int32_t sg_game_frame(sg_game *game, uint8_t *out, int64_t capacity);
/* Releases the game (NULL is allowed). */
void sg_game_destroy(sg_game *game);

#ifdef __cplusplus
}
#endif

#endif
