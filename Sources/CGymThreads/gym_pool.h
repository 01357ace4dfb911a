/* The pool's state, shared by gym_threads.c (the threads and the jobs) and gym_judge.c (whether the cores
   are free to share a job). Internal to CGymThreads. */
#ifndef GYM_POOL_H
#define GYM_POOL_H

#include "gym_threads.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>

struct worker {
    pthread_t thread;
    struct gym_pool *pool;
    unsigned start_generation;
    atomic_int tid;
    int schedstat;                       /* /proc/self/task/TID/schedstat, or -1 */
};

struct gym_pool {
    atomic_flag busy;                    /* held by the thread running a job or changing the pool */
    int threads;                         /* the caller's included; changed only while busy is held */
    int epoch;                           /* fork_epoch when the workers were started */
    struct worker workers[GYM_THREADS_MAX];   /* 1..<threads */
    gym_task_function function;          /* the current job, written before `claim` */
    void *context;
    atomic_int stopping;

    /* What the caller and the workers hand each other, on one cache line: a job moves it between cores
       as few times as it can.
       claim: the next task, as generation (32 bits), tasks (16), next task (16); tagged with the generation
       so that a worker that wakes late cannot take a task of a later job. */
    _Alignas(64) _Atomic uint64_t claim;
    atomic_uint generation;              /* one more for every job; the futex idle workers sleep on */
    atomic_uint done;                    /* tasks of the current job done; the futex the caller sleeps on */
    atomic_int sleepers;                 /* workers in (or about to enter) the futex wait on generation */
    atomic_int caller_waiting;

    /* The judgement (gym_threads.h), changed only while busy is held. */
    _Alignas(64) atomic_int sharing;
    int judging;                         /* schedstat is readable for every worker */
    int unjudged;                        /* jobs since the last judgement */
    long long window_start, window_waiting, retry_at, retry_after;

    _Atomic unsigned long long jobs, shared_jobs, worker_tasks;
};

static inline long long nanoseconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* Starts the first window of the judgement, once the workers have started. */
void gym_pool_start_judging(gym_pool *pool, long long now);

/* Decides, at a job's start, whether the job is shared (gym_threads.h). Called while busy is held. */
void gym_pool_judge(gym_pool *pool, long long now);

#endif
