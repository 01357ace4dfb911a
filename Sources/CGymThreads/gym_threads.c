/* The worker threads of gym_threads.h. */
#define _GNU_SOURCE
#include "gym_threads.h"
#include "gym_pool.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/* How long an idle worker spins for the next job before it sleeps. A training update's products come a
   few microseconds apart, a vector's steps a few microseconds to tens. */
static const long long WORKER_SPIN_NANOSECONDS = 200000;
/* How long the caller spins for tasks that workers hold before it sleeps, giving its core to them. */
static const long long CALLER_SPIN_NANOSECONDS = 50000;
/* Every SPINS_PER_CHECK turns a spinning thread reads the clock and calls sched_yield, which lets a thread
   waiting for this core run, and returns at once when none waits. */
enum { SPINS_PER_CHECK = 256 };
/* Jobs between two judgements. */
enum { JUDGED_JOBS = 16 };

static atomic_int fork_epoch;

static void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static void futex_wait(atomic_uint *word, unsigned expected) {
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}

static void futex_wake(atomic_uint *word, int count) {
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, count, NULL, NULL, 0);
}

static void child_after_fork(void) { atomic_fetch_add(&fork_epoch, 1); }

static void register_fork_handler(void) { pthread_atfork(NULL, NULL, child_after_fork); }

/* Takes and runs tasks of job `generation` until none is left; returns how many it ran. */
static unsigned long long take_tasks(gym_pool *pool, unsigned generation) {
    unsigned long long ran = 0;
    uint64_t claim = atomic_load_explicit(&pool->claim, memory_order_acquire);
    for (;;) {
        if ((unsigned)(claim >> 32) != generation) return ran;
        unsigned tasks = (unsigned)(claim >> 16) & 0xffff, next = (unsigned)claim & 0xffff;
        if (next >= tasks) return ran;
        if (!atomic_compare_exchange_weak_explicit(&pool->claim, &claim, claim + 1, memory_order_acq_rel, memory_order_acquire))
            continue;
        /* The job cannot end before this task is done, so its function and context stay. */
        pool->function(pool->context, (int)next);
        ran++;
        if (atomic_fetch_add(&pool->done, 1) + 1 == tasks && atomic_load(&pool->caller_waiting))
            futex_wake(&pool->done, 1);
        if (next + 1 == tasks) return ran;   /* that was the last task */
        claim = atomic_load_explicit(&pool->claim, memory_order_acquire);
    }
}

/* Waits until the generation differs from `seen`, and returns it. */
static unsigned next_generation(gym_pool *pool, unsigned seen) {
    long long start = nanoseconds();
    for (unsigned spins = 0;; spins++) {
        unsigned now = atomic_load_explicit(&pool->generation, memory_order_acquire);
        if (now != seen) return now;
        relax();
        if (spins % SPINS_PER_CHECK == SPINS_PER_CHECK - 1) {
            if (nanoseconds() - start > WORKER_SPIN_NANOSECONDS) break;
            sched_yield();
        }
    }
    for (;;) {
        /* The caller moves `generation` before it reads `sleepers`, and this thread counts itself before it
           reads `generation` again (both sequentially consistent): one of the two sees the other. */
        atomic_fetch_add(&pool->sleepers, 1);
        if (atomic_load(&pool->generation) == seen) futex_wait(&pool->generation, seen);
        atomic_fetch_sub(&pool->sleepers, 1);
        unsigned now = atomic_load(&pool->generation);
        if (now != seen) return now;
    }
}

static void *worker_main(void *argument) {
    struct worker *worker = argument;
    gym_pool *pool = worker->pool;
    atomic_store(&worker->tid, (int)syscall(SYS_gettid));
    unsigned seen = worker->start_generation;
    for (;;) {
        seen = next_generation(pool, seen);
        if (atomic_load(&pool->stopping)) return NULL;
        unsigned long long ran = take_tasks(pool, seen);
        if (ran) atomic_fetch_add_explicit(&pool->worker_tasks, ran, memory_order_relaxed);
    }
}

/* Starts workers 1..<threads; the pool is idle (busy held, or not yet shared). */
static void start_workers(gym_pool *pool, int threads) {
    pool->threads = 1;
    pool->judging = 1;
    for (int i = 1; i < threads; i++) {
        struct worker *worker = &pool->workers[i];
        worker->pool = pool;
        worker->start_generation = atomic_load(&pool->generation);
        atomic_store(&worker->tid, 0);
        worker->schedstat = -1;
        if (pthread_create(&worker->thread, NULL, worker_main, worker) != 0) break;
        while (atomic_load(&worker->tid) == 0) sched_yield();
        char path[64];
        snprintf(path, sizeof path, "/proc/self/task/%d/schedstat", atomic_load(&worker->tid));
        worker->schedstat = open(path, O_RDONLY | O_CLOEXEC);
        if (worker->schedstat < 0) pool->judging = 0;
        pool->threads = i + 1;
    }
    pool->epoch = atomic_load(&fork_epoch);
    atomic_store(&pool->sharing, pool->threads > 1);
    gym_pool_start_judging(pool, nanoseconds());
}

/* Stops and joins the workers (in a forked child there are none to join); the pool is idle. */
static void stop_workers(gym_pool *pool) {
    int forked = pool->epoch != atomic_load(&fork_epoch);
    if (!forked && pool->threads > 1) {
        atomic_store(&pool->stopping, 1);
        atomic_fetch_add(&pool->generation, 1);
        futex_wake(&pool->generation, INT_MAX);
        for (int i = 1; i < pool->threads; i++) pthread_join(pool->workers[i].thread, NULL);
        atomic_store(&pool->stopping, 0);
    }
    for (int i = 1; i < pool->threads; i++)
        if (pool->workers[i].schedstat >= 0) close(pool->workers[i].schedstat);
    pool->threads = 1;
    atomic_store(&pool->sharing, 0);
}

static int clamp_threads(int threads) {
    return threads < 1 ? 1 : threads > GYM_THREADS_MAX ? GYM_THREADS_MAX : threads;
}

static void initialise(gym_pool *pool, int threads) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, register_fork_handler);
    atomic_flag_clear(&pool->busy);
    start_workers(pool, clamp_threads(threads));
}

gym_pool *gym_pool_create(int threads) {
    gym_pool *pool = aligned_alloc(64, (sizeof(gym_pool) + 63) / 64 * 64);
    if (!pool) return NULL;
    memset(pool, 0, sizeof *pool);
    initialise(pool, threads);
    return pool;
}

void gym_pool_destroy(gym_pool *pool) {
    if (!pool) return;
    stop_workers(pool);
    free(pool);
}

int gym_pool_threads(const gym_pool *pool) { return pool->threads; }

int gym_pool_set_threads(gym_pool *pool, int threads) {
    threads = clamp_threads(threads);
    if (pool->epoch != atomic_load(&fork_epoch)) {
        /* A forked child: the flag may be held by a thread that does not exist here. */
        atomic_flag_clear(&pool->busy);
    }
    while (atomic_flag_test_and_set(&pool->busy)) sched_yield();
    if (threads != pool->threads || pool->epoch != atomic_load(&fork_epoch)) {
        stop_workers(pool);
        start_workers(pool, threads);
    }
    int now = pool->threads;
    atomic_flag_clear(&pool->busy);
    return now;
}

static void run_here(gym_pool *pool, int tasks, gym_task_function function, void *context) {
    for (int task = 0; task < tasks; task++) function(context, task);
    atomic_fetch_add_explicit(&pool->jobs, 1, memory_order_relaxed);
}

void gym_pool_run(gym_pool *pool, int tasks, gym_task_function function, void *context) {
    if (tasks <= 0) return;
    if (tasks == 1 || tasks > GYM_THREADS_MAX_TASKS || pool->threads == 1 || pool->epoch != atomic_load_explicit(&fork_epoch, memory_order_relaxed)
        || atomic_flag_test_and_set(&pool->busy))
        return run_here(pool, tasks, function, context);
    /* The clock costs tens of nanoseconds, a good part of a small job: it is read every JUDGED_JOBS jobs. */
    if (++pool->unjudged == JUDGED_JOBS) { pool->unjudged = 0; gym_pool_judge(pool, nanoseconds()); }
    if (!atomic_load_explicit(&pool->sharing, memory_order_relaxed)) {
        run_here(pool, tasks, function, context);
        atomic_flag_clear(&pool->busy);
        return;
    }
    pool->function = function;
    pool->context = context;
    atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
    unsigned generation = atomic_load_explicit(&pool->generation, memory_order_relaxed) + 1;
    atomic_store_explicit(&pool->claim, (uint64_t)generation << 32 | (uint64_t)tasks << 16, memory_order_release);
    atomic_store(&pool->generation, generation);
    if (atomic_load(&pool->sleepers) > 0) futex_wake(&pool->generation, INT_MAX);
    take_tasks(pool, generation);
    /* Tasks that workers hold: spin for a while, then sleep, which gives this core to a worker that waits for one. */
    long long start = 0;
    for (unsigned spins = 0;; spins++) {
        unsigned done = atomic_load_explicit(&pool->done, memory_order_acquire);
        if (done == (unsigned)tasks) break;
        relax();
        if (spins % SPINS_PER_CHECK != SPINS_PER_CHECK - 1) continue;
        long long now = nanoseconds();
        if (!start) start = now;
        if (now - start < CALLER_SPIN_NANOSECONDS) continue;
        atomic_store(&pool->caller_waiting, 1);
        done = atomic_load(&pool->done);
        if (done != (unsigned)tasks) futex_wait(&pool->done, done);
        atomic_store(&pool->caller_waiting, 0);
    }
    atomic_fetch_add_explicit(&pool->jobs, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&pool->shared_jobs, 1, memory_order_relaxed);
    atomic_flag_clear(&pool->busy);
}

int gym_pool_sharing(const gym_pool *pool) {
    return pool->threads > 1 && atomic_load_explicit(&((gym_pool *)pool)->sharing, memory_order_relaxed);
}

gym_pool_counts gym_pool_counters(const gym_pool *pool) {
    gym_pool *p = (gym_pool *)pool;
    return (gym_pool_counts){ atomic_load(&p->jobs), atomic_load(&p->shared_jobs), atomic_load(&p->worker_tasks) };
}

static gym_pool shared_pool;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static void make_shared_pool(void) { initialise(&shared_pool, 1); }

gym_pool *gym_shared_pool(void) {
    pthread_once(&shared_once, make_shared_pool);
    return &shared_pool;
}
