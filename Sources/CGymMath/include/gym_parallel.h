#ifndef GYM_PARALLEL_H
#define GYM_PARALLEL_H

/* A fixed set of worker threads that run the parts of one job beside the calling thread: GymNN splits a
   large matrix product into row blocks with it, one block a thread.

   OpenBLAS's own threads split a 256x256x256 product only 1.2 times faster on this project's two-core
   machines, while two single-threaded products side by side each run at full speed; so OpenBLAS stays
   on one thread and the blocks run here instead (1.8 times faster on the same product).

   Workers spin for a short while after each job, for the next one comes within microseconds during a
   training update, then sleep on a futex until woken. A forked child starts with no workers. */

/* The most threads the pool takes, the caller's included. */
#define GYM_PARALLEL_MAX_THREADS 64

/* The function of a job: called once for each part in 0..<parts, part 0 on the calling thread. */
typedef void (*gym_part_function)(void *context, int part, int parts);

/* Makes the pool `threads` threads, the caller's included (1: no workers; at most GYM_PARALLEL_MAX_THREADS,
   and a larger count is taken as that). Starts or stops workers as needed; returns the count now in effect.
   Not to be called while a job runs. */
int gym_parallel_set_threads(int threads);

/* The pool's thread count, the caller's included. */
int gym_parallel_threads(void);

/* Runs `function` for parts 0..<threads, where threads is gym_parallel_threads(), and returns once every
   part is done. Returns 0 without running anything when another thread is running a job (the caller
   then does the work itself), and the number of parts otherwise. */
int gym_parallel_run(gym_part_function function, void *context);

#endif
