#!/usr/bin/env python3
"""swiftgym from Python beside Gymnasium and EnvPool, in one run (`make bench-python`; a benchmark, not a test).

Measures, each the median of --repeats runs with pre-drawn random actions:
1. one CartPole step through Python: `swiftgym.make("cartpole-v1")` against `gymnasium.make("CartPole-v1")`;
2. a vector of 64 CartPoles: swiftgym's native vector against Gymnasium's `SyncVectorEnv`, Gymnasium's numpy
   `CartPoleVectorEnv` and EnvPool on 1 and 2 threads (when envpool is installed);
3. the SB3 adapter over the same vector, where stable-baselines3 is installed;
4. swiftgym's scaling for N = 1, 4, 16, 64, 256, 1024 (time per call and per environment step);
5. the time to `import swiftgym`.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import gymnasium
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "python"))
import swiftgym  # noqa: E402


def rate(step, reset, calls, per_call, repeats):
    """Environment steps per second: `calls` calls of `step(i)` doing `per_call` steps each."""
    def run(r):
        reset(r)
        start = time.perf_counter()
        for i in range(calls):
            step(i)
        return calls * per_call / (time.perf_counter() - start)
    return statistics.median(run(r) for r in range(repeats))


def single(env, steps, repeats):
    actions = [int(a) for a in np.random.default_rng(1).integers(0, 2, size=4096)]

    def step(i):
        _, _, terminated, truncated, _ = env.step(actions[i & 4095])
        if terminated or truncated:
            env.reset()
    return rate(step, lambda r: env.reset(seed=r), steps, 1, repeats)


def vector(envs, n, steps, repeats, reset=None, dtype=np.int64):
    actions = np.random.default_rng(1).integers(0, 2, size=(256, n)).astype(dtype)
    return rate(lambda i: envs.step(actions[i & 255]), reset or (lambda r: envs.reset(seed=r)), max(1, steps // n), n, repeats)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    s, r = args.steps, args.repeats
    print(f"bench-python: {os.cpu_count()} cores, Python {sys.version.split()[0]}, Gymnasium {gymnasium.__version__}, "
          f"numpy {np.__version__}, {s} steps, median of {r}")
    ours = single(swiftgym.make("cartpole-v1"), s, r)
    theirs = single(gymnasium.make("CartPole-v1"), s, r)
    print(f"one CartPole step: swiftgym {ours:,.0f}/s, Gymnasium {theirs:,.0f}/s: {ours / theirs:.2f}x")
    n = 64
    native = vector(swiftgym.make_vec("cartpole-v1", n), n, s * 10, r)
    sync = vector(gymnasium.vector.SyncVectorEnv([lambda: gymnasium.make("CartPole-v1")] * n), n, s, r)
    numpy_vector = vector(gymnasium.make_vec("CartPole-v1", n, vectorization_mode="vector_entry_point"), n, s * 10, r)
    print(f"64 CartPoles: swiftgym {native:,.0f}/s; SyncVectorEnv {sync:,.0f}/s ({native / sync:.1f}x); "
          f"numpy CartPoleVectorEnv {numpy_vector:,.0f}/s ({native / numpy_vector:.1f}x)")
    try:
        import envpool
        for threads in (1, 2):
            pool = envpool.make_gymnasium("CartPole-v1", num_envs=n, batch_size=n, num_threads=threads, seed=0)
            theirs = vector(pool, n, s * 2, r, reset=lambda _: pool.reset(), dtype=np.int32)
            print(f"64 CartPoles, EnvPool on {threads} thread(s): {theirs:,.0f}/s; swiftgym {native / theirs:.1f}x")
    except ImportError:
        print("EnvPool is not installed here (pip install envpool)")
    try:
        from swiftgym.sb3 import SwiftGymVecEnv
        adapter = SwiftGymVecEnv("cartpole-v1", n, seed=0)
        actions = np.random.default_rng(1).integers(0, 2, size=(256, n))

        def adapter_step(i):
            adapter.step_async(actions[i & 255])
            adapter.step_wait()
        wrapped = rate(adapter_step, lambda _: adapter.reset(), max(1, s * 10 // n), n, r)
        print(f"64 CartPoles through the SB3 adapter (SwiftGymVecEnv): {wrapped:,.0f}/s, {native / wrapped:.2f}x the raw vector's time")
    except ImportError:
        print("stable-baselines3 is not installed here: the SB3 adapter's cost is measured where it is (make integration's venv)")
    for count in (1, 4, 16, 64, 256, 1024):
        envs = swiftgym.make_vec("cartpole-v1", count)
        steps_per_second = vector(envs, count, max(s, 20 * count), r)
        print(f"N = {count:4d}: {count / steps_per_second * 1e6:8.2f} µs per call, {1e9 / steps_per_second:8.1f} ns per environment step")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import swiftgym"], check=True, env=dict(os.environ, PYTHONPATH=os.path.join(ROOT, "python")))
    print(f"python -c 'import swiftgym' (a fresh interpreter, registration included): {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
