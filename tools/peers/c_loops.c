/*
 * The practical limit for stepping an environment: hand-written C for the 4x3 gridworld (as a table of
 * outcomes, sampled by inverse CDF like SwiftGym's tabular step) and for CartPole (Gymnasium's equations),
 * with the same random-number generator (xoshiro256** seeded by SplitMix64), the same pre-drawn random
 * actions (4096, cycled) and the same reset at episode ends as `gym bench`'s raw measurement.
 *
 * Each environment is measured twice:
 * - "C step function": the loop calls reset/step through function pointers and receives observation,
 *   reward, terminated and truncated in a struct, as any environment interface does (SwiftGym's raw
 *   environment is called through the Environment protocol; a plugin through the C ABI).
 * - "C inlined loop": the same code called directly, so the compiler merges it into the loop.
 *
 * Not part of the library; tools/bench_peers.py compiles and runs it:
 *   cc -O2 -o c_loops tools/peers/c_loops.c -lm && ./c_loops [steps] [repeats]
 * Prints one JSON object per measurement: {"id", "variant", "steps_per_second"} (median of repeats).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct { uint64_t s[4]; } rng_t;

static uint64_t splitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
static void seed(rng_t *r, uint64_t s) { for (int i = 0; i < 4; i++) r->s[i] = splitmix(&s); }
static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static inline uint64_t next(rng_t *r) {
    uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45);
    return result;
}
static inline double uniform01(rng_t *r) { return (double)(next(r) >> 11) * 0x1.0p-53; }
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

/* What a step returns: a discrete or a 4-float observation, the reward and the two flags. */
typedef struct { int index; float vector[4]; double reward; int terminated, truncated; } step_t;
typedef struct { rng_t rng; int state, t; double x[4]; } env_t;

/* ---- The 4x3 gridworld: 11 cells, 4 moves, 80% intended and 10% to each side, -0.04 per step. ---- */
enum { ROWS = 3, COLS = 4, CELLS = 12, ACTIONS = 4, MAX_OUT = 3 };
static const char *layout[ROWS] = {"...+", ".#.-", "S..."};
static int n_out[CELLS][ACTIONS], to[CELLS][ACTIONS][MAX_OUT];
static double prob[CELLS][ACTIONS][MAX_OUT], reward[CELLS][ACTIONS][MAX_OUT];
static int terminal[CELLS];

static int move(int cell, int dir) { /* dir: 0 up, 1 right, 2 down, 3 left */
    static const int dr[4] = {-1, 0, 1, 0}, dc[4] = {0, 1, 0, -1};
    int r = cell / COLS + dr[dir], c = cell % COLS + dc[dir];
    if (r < 0 || r >= ROWS || c < 0 || c >= COLS || layout[r][c] == '#') return cell;
    return r * COLS + c;
}

static void build_grid(void) {
    for (int s = 0; s < CELLS; s++) {
        char k = layout[s / COLS][s % COLS];
        terminal[s] = (k == '+' || k == '-');
        for (int a = 0; a < ACTIONS; a++) {
            int dirs[3] = {a, (a + 3) % 4, (a + 1) % 4};
            double ps[3] = {0.8, 0.1, 0.1};
            n_out[s][a] = 3;
            for (int o = 0; o < 3; o++) {
                int t = move(s, dirs[o]);
                char kt = layout[t / COLS][t % COLS];
                to[s][a][o] = t;
                prob[s][a][o] = ps[o];
                reward[s][a][o] = -0.04 + (t != s ? (kt == '+' ? 1.0 : kt == '-' ? -1.0 : 0.0) : 0.0);
            }
        }
    }
}

static void grid_reset(env_t *e) { e->state = 2 * COLS; e->t = 0; }

static void grid_step(env_t *e, int a, step_t *out) {
    int s = e->state, k = 0;
    double u = uniform01(&e->rng), acc = prob[s][a][0];
    while (k + 1 < n_out[s][a] && u >= acc) acc += prob[s][a][++k];
    e->state = to[s][a][k];
    out->index = e->state;
    out->reward = reward[s][a][k];
    out->terminated = terminal[e->state];
    out->truncated = 0;
}

/* ---- CartPole-v1 (Gymnasium's equations and constants; reset uniform in [-0.05, 0.05]^4). ---- */
static const double gravity = 9.8, masscart = 1.0, masspole = 0.1, length = 0.5, force_mag = 10.0, tau = 0.02;
static const double x_threshold = 2.4;
#define THETA_THRESHOLD (12 * 2 * M_PI / 360)

static void cartpole_reset(env_t *e) { for (int j = 0; j < 4; j++) e->x[j] = -0.05 + 0.1 * uniform01(&e->rng); e->t = 0; }

static void cartpole_step(env_t *e, int a, step_t *out) {
    const double total_mass = masspole + masscart, polemass_length = masspole * length;
    double *x = e->x;
    double force = a == 1 ? force_mag : -force_mag;
    double costheta = cos(x[2]), sintheta = sin(x[2]);
    double temp = (force + polemass_length * x[3] * x[3] * sintheta) / total_mass;
    double thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - masspole * costheta * costheta / total_mass));
    double xacc = temp - polemass_length * thetaacc * costheta / total_mass;
    x[0] += tau * x[1]; x[1] += tau * xacc; x[2] += tau * x[3]; x[3] += tau * thetaacc;
    for (int j = 0; j < 4; j++) out->vector[j] = (float)x[j];
    out->reward = 1;
    out->terminated = x[0] < -x_threshold || x[0] > x_threshold || x[2] < -THETA_THRESHOLD || x[2] > THETA_THRESHOLD;
    out->truncated = 0;
}

typedef struct { const char *id; void (*reset)(env_t *); void (*step)(env_t *, int, step_t *); int actions, limit; } ops_t;
static const ops_t environments[] = {{"gridworld-v1", grid_reset, grid_step, 4, 100}, {"cartpole-v1", cartpole_reset, cartpole_step, 2, 500}};

/* The measured loop: raw stepping with a reset at episode ends (and at the time limit, as a TimeLimit would). */
#define LOOP(RESET, STEP)                                                                   \
    env_t e; seed(&e.rng, s0); RESET(&e);                                                   \
    step_t out; volatile double total = 0;                                                  \
    double start = now();                                                                   \
    for (long i = 0; i < steps; i++) {                                                      \
        STEP(&e, actions[i & 4095], &out);                                                  \
        total += out.reward;                                                                \
        if (out.terminated || out.truncated || ++e.t == limit) RESET(&e);                   \
    }                                                                                       \
    return steps / (now() - start);

/* Through function pointers the compiler cannot see through (volatile), like an environment interface. */
static double bench_indirect(const ops_t *ops, long steps, const int *actions, int limit, uint64_t s0) {
    void (*volatile reset_fn)(env_t *) = ops->reset;
    void (*volatile step_fn)(env_t *, int, step_t *) = ops->step;
    LOOP(reset_fn, step_fn)
}
static double bench_grid_inlined(long steps, const int *actions, int limit, uint64_t s0) { LOOP(grid_reset, grid_step) }
static double bench_cartpole_inlined(long steps, const int *actions, int limit, uint64_t s0) { LOOP(cartpole_reset, cartpole_step) }

static int compare(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
    long steps = argc > 1 ? atol(argv[1]) : 2000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    if (steps <= 0 || repeats <= 0 || repeats > 64) { fprintf(stderr, "usage: c_loops [steps > 0] [repeats 1..64]\n"); return 2; }
    build_grid();
    for (int k = 0; k < 2; k++) {
        const ops_t *ops = &environments[k];
        int actions[4096];
        rng_t r; seed(&r, 1);
        for (int i = 0; i < 4096; i++) actions[i] = (int)(next(&r) % (uint64_t)ops->actions);
        for (int inlined = 0; inlined < 2; inlined++) {
            double rates[64];
            for (int i = 0; i < repeats; i++) {
                rates[i] = !inlined ? bench_indirect(ops, steps, actions, ops->limit, (uint64_t)i)
                         : k == 0 ? bench_grid_inlined(steps, actions, ops->limit, (uint64_t)i)
                                  : bench_cartpole_inlined(steps, actions, ops->limit, (uint64_t)i);
            }
            qsort(rates, repeats, sizeof rates[0], compare);
            printf("{\"id\": \"%s\", \"variant\": \"%s\", \"steps_per_second\": %.0f}\n", ops->id,
                   inlined ? "C inlined loop" : "C step function", rates[repeats / 2]);
        }
    }
    return 0;
}
