/* The worker threads of gym_parallel.h. */
#define _GNU_SOURCE
#include "gym_parallel.h"

#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { MAX_THREADS = GYM_PARALLEL_MAX_THREADS };

/* How long a worker spins for the next job before it sleeps. A training update's products come a few
   microseconds apart; between updates an environment step and an action take tens. */
static const long SPIN_NANOSECONDS = 200000;

static struct {
    atomic_flag busy;              /* held by the thread running a job or changing the pool */
    atomic_int threads;            /* the caller's included; changed only while busy is held */
    pthread_t workers[MAX_THREADS];
    atomic_uint generation;        /* one more for every job; the futex the workers sleep on */
    atomic_int sleepers;           /* workers in (or about to enter) the futex wait */
    atomic_int pending;            /* workers not yet done with the current job */
    gym_part_function function;    /* the current job, written before generation moves on */
    void *context;
    int stop_from;                 /* workers with this part index or above leave at the current job */
} pool = { .busy = ATOMIC_FLAG_INIT, .threads = 1, .stop_from = MAX_THREADS };

static void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

/* Every SPINS_PER_CHECK turns a waiting loop calls sched_yield, which lets a thread that waits for this
   core run when there are more threads than cores, and returns at once when none waits. */
enum { SPINS_PER_CHECK = 256 };

static long nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000000000L + t.tv_nsec;
}

/* Waits until the generation differs from `seen`, and returns it. */
static unsigned next_generation(unsigned seen) {
    long start = nanoseconds();
    for (unsigned spins = 0;; spins++) {
        unsigned now = atomic_load_explicit(&pool.generation, memory_order_acquire);
        if (now != seen) return now;
        relax();
        if (spins % SPINS_PER_CHECK == SPINS_PER_CHECK - 1) {
            if (nanoseconds() - start > SPIN_NANOSECONDS) break;
            sched_yield();
        }
    }
    for (;;) {
        atomic_fetch_add(&pool.sleepers, 1);
        if (atomic_load(&pool.generation) == seen)
            syscall(SYS_futex, (uint32_t *)&pool.generation, FUTEX_WAIT_PRIVATE, seen, NULL, NULL, 0);
        atomic_fetch_sub(&pool.sleepers, 1);
        unsigned now = atomic_load(&pool.generation);
        if (now != seen) return now;
    }
}

struct start { int part; unsigned generation; };
static struct start starts[MAX_THREADS];

static void *worker_main(void *argument) {
    const struct start *start = argument;
    int part = start->part;
    unsigned seen = start->generation;
    for (;;) {
        seen = next_generation(seen);
        int leaving = part >= pool.stop_from;
        if (!leaving && pool.function) pool.function(pool.context, part, atomic_load_explicit(&pool.threads, memory_order_relaxed));
        atomic_fetch_sub_explicit(&pool.pending, 1, memory_order_release);
        if (leaving) return NULL;
    }
}

/* Posts the current job to the workers 1..<threads and waits for all of them, running part 0 first
   when there is a function. */
static void post_and_wait(int workers) {
    atomic_store(&pool.pending, workers);
    atomic_fetch_add(&pool.generation, 1);
    if (atomic_load(&pool.sleepers) > 0)
        syscall(SYS_futex, (uint32_t *)&pool.generation, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    if (pool.function) pool.function(pool.context, 0, atomic_load_explicit(&pool.threads, memory_order_relaxed));
    for (unsigned spins = 1; atomic_load_explicit(&pool.pending, memory_order_acquire) > 0; spins++) {
        relax();
        if (spins % SPINS_PER_CHECK == 0) sched_yield();
    }
}

static void forget_workers_in_child(void) {
    atomic_flag_clear(&pool.busy);
    atomic_store(&pool.threads, 1);
    atomic_store(&pool.sleepers, 0);
    atomic_store(&pool.pending, 0);
}

int gym_parallel_set_threads(int threads) {
    if (threads < 1) threads = 1;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    while (atomic_flag_test_and_set(&pool.busy)) relax();
    static int registered = 0;
    if (!registered) { pthread_atfork(NULL, NULL, forget_workers_in_child); registered = 1; }
    if (threads < atomic_load(&pool.threads)) {
        /* The workers from `threads` on leave at an empty job; the others only count down. */
        int old = atomic_load(&pool.threads);
        pool.function = NULL;
        pool.stop_from = threads;
        post_and_wait(old - 1);
        for (int part = threads; part < old; part++) pthread_join(pool.workers[part], NULL);
        pool.stop_from = MAX_THREADS;
        atomic_store(&pool.threads, threads);
    }
    while (atomic_load(&pool.threads) < threads) {
        int part = atomic_load(&pool.threads);
        starts[part] = (struct start){ part, atomic_load(&pool.generation) };
        if (pthread_create(&pool.workers[part], NULL, worker_main, &starts[part]) != 0) break;
        atomic_fetch_add(&pool.threads, 1);
    }
    int now = atomic_load(&pool.threads);
    atomic_flag_clear(&pool.busy);
    return now;
}

int gym_parallel_threads(void) { return atomic_load_explicit(&pool.threads, memory_order_relaxed); }

int gym_parallel_run(gym_part_function function, void *context) {
    if (atomic_flag_test_and_set(&pool.busy)) return 0;
    int threads = atomic_load_explicit(&pool.threads, memory_order_relaxed);
    pool.function = function;
    pool.context = context;
    post_and_wait(threads - 1);
    atomic_flag_clear(&pool.busy);
    return threads;
}
