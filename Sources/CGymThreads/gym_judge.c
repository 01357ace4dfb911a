/* Whether a job is shared now (gym_threads.h): the workers' time waiting for a core, read from
   /proc/self/task/TID/schedstat over windows of jobs. */
#define _GNU_SOURCE
#include "gym_pool.h"

#include <stdio.h>
#include <unistd.h>

/* The judgement of gym_threads.h: its window, the fraction of time waiting for a core that means the cores
   are taken, and the first and last pause before sharing is tried again. */
static const long long WINDOW_NANOSECONDS = 10000000;
static const double WAITING_LIMIT = 0.1;
static const long long FIRST_RETRY_NANOSECONDS = 20000000;
static const long long LAST_RETRY_NANOSECONDS = 1280000000;

/* The time (ns) the workers have spent ready to run but waiting for a core, or -1 when it cannot be read. */
static long long waiting_time(gym_pool *pool) {
    long long total = 0;
    for (int i = 1; i < pool->threads; i++) {
        char text[128];
        ssize_t length = pread(pool->workers[i].schedstat, text, sizeof text - 1, 0);
        if (length <= 0) return -1;
        text[length] = 0;
        unsigned long long running, waiting;
        if (sscanf(text, "%llu %llu", &running, &waiting) != 2) return -1;
        total += (long long)waiting;
    }
    return total;
}

void gym_pool_judge(gym_pool *pool, long long now) {
    if (!pool->judging) return;
    if (atomic_load_explicit(&pool->sharing, memory_order_relaxed)) {
        long long elapsed = now - pool->window_start;
        if (elapsed < WINDOW_NANOSECONDS) return;
        long long waiting = waiting_time(pool);
        if (waiting < 0) { pool->judging = 0; return; }
        double fraction = (double)(waiting - pool->window_waiting) / ((double)elapsed * (pool->threads - 1));
        pool->window_start = now;
        pool->window_waiting = waiting;
        if (fraction > WAITING_LIMIT) {
            atomic_store_explicit(&pool->sharing, 0, memory_order_relaxed);
            pool->retry_at = now + pool->retry_after;
            pool->retry_after = pool->retry_after * 2 > LAST_RETRY_NANOSECONDS ? LAST_RETRY_NANOSECONDS : pool->retry_after * 2;
        } else {
            pool->retry_after = FIRST_RETRY_NANOSECONDS;
        }
    } else if (now >= pool->retry_at) {
        long long waiting = waiting_time(pool);
        if (waiting < 0) { pool->judging = 0; atomic_store_explicit(&pool->sharing, 1, memory_order_relaxed); return; }
        atomic_store_explicit(&pool->sharing, 1, memory_order_relaxed);
        pool->window_start = now;
        pool->window_waiting = waiting;
    }
}

void gym_pool_start_judging(gym_pool *pool, long long now) {
    pool->window_start = now;
    pool->retry_after = FIRST_RETRY_NANOSECONDS;
    pool->window_waiting = pool->judging && pool->threads > 1 ? waiting_time(pool) : 0;
    if (pool->window_waiting < 0) pool->judging = 0;
}
