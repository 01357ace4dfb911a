#ifndef GYM_THREADS_H
#define GYM_THREADS_H

/* Worker threads that run the tasks of one job beside the calling thread: the row blocks of GymNN's large
   matrix products, and the parts of a vector of environments.

   The contract:
   - gym_pool_run(pool, tasks, f, context) calls f(context, task) exactly once for every task in 0..<tasks
     and returns when every call has returned; the caller then sees every call's writes.
   - Which thread runs which task is not fixed: the calling thread and the awake workers each take the next
     task not yet taken. A job's result must therefore not depend on the thread that ran a task; GymNN's
     tasks are row blocks of a height fixed by the product's shape, so a product's bits do not depend on
     the thread count.
   - The caller never waits for a task that no thread has started: a worker that another process keeps
     off its core delays only the task it holds, if any.
   - The pool runs every task on the calling thread, waking no worker, when another thread is running a
     job on it (or the caller is inside one of its tasks), after a fork (a child has no workers), and while
     it judges that its workers would not get a core of their own. It judges that from the time its workers
     spend ready to run but waiting for a core (Linux's /proc/self/task/TID/schedstat): over a window of
     10 ms of jobs, more than a tenth of their time. It then tries sharing again after 20 ms, and after
     twice as long each time the try fails, up to 1.28 s. Where schedstat cannot be read it always shares.

   Idle workers spin for 200 microseconds after a job, for the next one comes within microseconds while a
   network trains or a vector steps, then sleep on a futex until a job wakes them. */

/* The most threads a pool takes, the caller's included. */
#define GYM_THREADS_MAX 64

/* The most tasks of one job that may be shared; a job of more runs whole on the calling thread. */
#define GYM_THREADS_MAX_TASKS 65535

typedef struct gym_pool gym_pool;

/* The function of a job: called once for each task in 0..<tasks. */
typedef void (*gym_task_function)(void *context, int task);

/* A pool of `threads` threads, the caller's included (clamped to 1...GYM_THREADS_MAX), or NULL when memory
   runs out. A pool whose workers could not all be started has fewer (gym_pool_threads). */
gym_pool *gym_pool_create(int threads);

/* Stops the workers and frees the pool. Not while a job runs on it. */
void gym_pool_destroy(gym_pool *pool);

/* The threads of the pool, the caller's included. */
int gym_pool_threads(const gym_pool *pool);

/* Makes the pool `threads` threads (clamped as in gym_pool_create); returns the count now in effect. Waits
   for a job running on another thread to end. */
int gym_pool_set_threads(gym_pool *pool, int threads);

/* Runs f(context, task) for every task in 0..<tasks (see the contract above). */
void gym_pool_run(gym_pool *pool, int tasks, gym_task_function function, void *context);

/* 1 while the pool shares jobs with its workers, 0 while it runs them on the calling thread because its
   workers would not get cores of their own (or it has no workers). */
int gym_pool_sharing(const gym_pool *pool);

/* Counters since the pool was made: jobs run, jobs shared with the workers, and the tasks that workers
   (not the calling thread) ran. */
typedef struct { unsigned long long jobs, shared_jobs, worker_tasks; } gym_pool_counts;
gym_pool_counts gym_pool_counters(const gym_pool *pool);

/* The process-wide pool of GymNN's products (1 thread until set). */
gym_pool *gym_shared_pool(void);

#endif
