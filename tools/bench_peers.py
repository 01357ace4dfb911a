#!/usr/bin/env python3
"""SwiftGym's stepping speed beside Gymnasium's and a hand-written C loop, measured in one run on one machine.

`make bench-peers` runs this from a virtual environment with Gymnasium (.venv-peers). It

1. compiles and runs tools/peers/c_loops.c (gridworld and CartPole, the practical limit: a C step function
   called through a pointer, and the same code inlined into the loop),
2. steps Gymnasium's CartPole-v1, Pendulum-v1 and FrozenLake-v1 (8x8, slippery) through `gymnasium.make`
   and unwrapped, and a SyncVectorEnv of K CartPoles,
3. runs `gym bench --json --envs K` on the matching SwiftGym environments,
4. measures batched stepping: SwiftGym's vector of B (default 64) copies on 1 and 2 threads, beside the C
   step function, Gymnasium's numpy CartPoleVectorEnv (`make_vec(..., vectorization_mode="vector_entry_point")`)
   and EnvPool's CartPole-v1 with B environments on 1 and 2 threads (when envpool is installed),

and prints two tables with the ratios. Every measurement steps with pre-drawn random actions, resets at
episode ends, and reports the median of --repeats runs. Both libraries step the same dynamics with the same
episode ends and no rendering; Gymnasium's speed varies by about 25% between runs, so compare numbers from
one run only.

Usage: tools/bench_peers.py [--gym .build/release/gym] [--steps 200000] [--envs 8] [--batch 64] [--repeats 5] [--json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import gymnasium

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# SwiftGym id -> (Gymnasium id, make() keyword arguments)
PEERS = {
    "cartpole-v1": ("CartPole-v1", {}),
    "pendulum-v1": ("Pendulum-v1", {}),
    "frozen-lake-8x8-v1": ("FrozenLake-v1", {"map_name": "8x8", "is_slippery": True}),
}
C_LOOP_IDS = ["gridworld-v1", "cartpole-v1"]


def median_rate(run, repeats):
    return statistics.median(run(r) for r in range(repeats))


def gymnasium_single(env, steps, repeats):
    """Steps per second of one environment; `env` is wrapped (make) or unwrapped."""
    env.action_space.seed(1)
    actions = [env.action_space.sample() for _ in range(4096)]

    def run(r):
        env.reset(seed=r)
        start = time.perf_counter()
        for i in range(steps):
            _, _, terminated, truncated, _ = env.step(actions[i & 4095])
            if terminated or truncated:
                env.reset()
        return steps / (time.perf_counter() - start)

    return median_rate(run, repeats)


def vector_rate(envs, actions, k, steps, repeats, reset):
    """Environment steps per second (k per call) of a vector of k environments stepped with `actions`
    (cycled); `reset(r)` starts run r. Closes the vector."""
    calls = max(1, steps // k)

    def run(r):
        reset(r)
        start = time.perf_counter()
        for i in range(calls):
            envs.step(actions[i & 255])
        return calls * k / (time.perf_counter() - start)

    rate = median_rate(run, repeats)
    envs.close()
    return rate


def gymnasium_vector(gym_id, kwargs, k, steps, repeats):
    """Environment steps per second of a SyncVectorEnv of k copies, next-step autoreset."""
    envs = gymnasium.vector.SyncVectorEnv([lambda: gymnasium.make(gym_id, **kwargs) for _ in range(k)])
    envs.action_space.seed(1)
    return vector_rate(envs, [envs.action_space.sample() for _ in range(256)], k, steps, repeats, lambda r: envs.reset(seed=r))


def gymnasium_numpy_vector(b, steps, repeats):
    """Environment steps per second of Gymnasium's numpy CartPoleVectorEnv with b environments."""
    envs = gymnasium.make_vec("CartPole-v1", b, vectorization_mode="vector_entry_point")
    envs.action_space.seed(1)
    return vector_rate(envs, [envs.action_space.sample() for _ in range(256)], b, steps, repeats, lambda r: envs.reset(seed=r))


def envpool_vector(b, threads, steps, repeats):
    """Environment steps per second of EnvPool's CartPole-v1 with b environments on `threads` threads
    (synchronous: batch_size = num_envs), or None when envpool is not installed."""
    try:
        import envpool
    except ImportError:
        return None
    env = envpool.make_gymnasium("CartPole-v1", num_envs=b, batch_size=b, num_threads=threads, seed=0)
    actions = np.random.default_rng(1).integers(0, 2, size=(256, b), dtype=np.int32)
    return vector_rate(env, actions, b, steps, repeats, lambda r: env.reset())


def swiftgym_batched(gym, ids, steps, b, repeats):
    out = subprocess.run([gym, "bench", *ids, "--steps", str(steps), "--envs", str(b), "--threads", "1", "2", "--vector-only",
                          "--repeats", str(repeats), "--json"], check=True, capture_output=True, text=True).stdout
    return {(row["id"], row["variant"]): row["steps_per_second"] for row in map(json.loads, out.splitlines()) if "id" in row}


def c_loops(steps, repeats):
    with tempfile.TemporaryDirectory() as tmp:
        binary = os.path.join(tmp, "c_loops")
        subprocess.run(["cc", "-O2", "-o", binary, os.path.join(ROOT, "tools/peers/c_loops.c"), "-lm"], check=True)
        out = subprocess.run([binary, str(steps * 10), str(repeats)], check=True, capture_output=True, text=True).stdout
    return {(row["id"], row["variant"]): row["steps_per_second"] for row in map(json.loads, out.splitlines())}


def swiftgym(gym, ids, steps, k, repeats):
    out = subprocess.run([gym, "bench", *ids, "--steps", str(steps), "--envs", str(k), "--repeats", str(repeats), "--json"],
                         check=True, capture_output=True, text=True).stdout
    rates = {}
    for row in map(json.loads, out.splitlines()):
        if "id" in row:
            rates[(row["id"], row["variant"])] = row["steps_per_second"]
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gym", default=os.path.join(ROOT, ".build/release/gym"))
    parser.add_argument("--steps", type=int, default=200_000, help="steps per Gymnasium measurement (SwiftGym and C take 10x)")
    parser.add_argument("--envs", type=int, default=8, help="copies in the vectorised measurements")
    parser.add_argument("--batch", type=int, default=64, help="copies in the batched measurements")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the measurements as JSON lines")
    args = parser.parse_args()

    ids = ["gridworld-v1", "frozen-lake-8x8-v1", "cartpole-v1", "pendulum-v1"]
    print(f"bench-peers: {os.cpu_count()} cores, Python {sys.version.split()[0]}, Gymnasium {gymnasium.__version__}, "
          f"numpy {np.__version__}, {args.steps} steps, K = {args.envs}, median of {args.repeats}", file=sys.stderr)
    # SwiftGym and C run 10x the steps, so that each of their runs lasts long enough to time well.
    swift = swiftgym(args.gym, ids, args.steps * 10, args.envs, args.repeats)
    c = c_loops(args.steps, args.repeats)
    peers = {}
    for sid, (gid, kwargs) in PEERS.items():
        env = gymnasium.make(gid, **kwargs)
        peers[(sid, "wrapped (make)")] = gymnasium_single(env, args.steps, args.repeats)
        peers[(sid, "raw")] = gymnasium_single(env.unwrapped, args.steps, args.repeats)
        env.close()
    peers[("cartpole-v1", f"vector of {args.envs}, batched, 1 thread")] = gymnasium_vector("CartPole-v1", {}, args.envs, args.steps, args.repeats)

    rows = []
    for sid in ids:
        variants = [v for (i, v) in swift if i == sid and v != "hand-written Swift"]
        for variant in variants:
            ours, theirs = swift[(sid, variant)], peers.get((sid, variant))
            limit = c.get((sid, "C step function")) if variant == "raw" else None
            inlined = c.get((sid, "C inlined loop")) if variant == "raw" else None
            rows.append({"id": sid, "variant": variant, "swiftgym": ours, "gymnasium": theirs, "c_step_function": limit,
                         "c_inlined_loop": inlined, "swiftgym_over_gymnasium": ours / theirs if theirs else None,
                         "c_over_swiftgym": limit / ours if limit else None})
    # Batched stepping: B copies on 1 and 2 threads, beside the C step function (per environment), Gymnasium's
    # numpy vector and EnvPool.
    b = args.batch
    batched = swiftgym_batched(args.gym, ["cartpole-v1", "gridworld-v1", "frozen-lake-8x8-v1"], args.steps * 10, b, args.repeats)
    one, two = f"vector of {b}, batched, 1 thread", f"vector of {b}, batched, 2 threads"
    numpy_vector = gymnasium_numpy_vector(b, args.steps, args.repeats)
    pool = {t: envpool_vector(b, t, args.steps, args.repeats) for t in (1, 2)}
    batch_rows = []
    for sid in ["cartpole-v1", "gridworld-v1", "frozen-lake-8x8-v1"]:
        raw = batched[(sid, "raw")]
        for threads, variant in [(1, one), (2, two)]:
            ours = batched[(sid, variant)]
            limit = c.get((sid, "C step function"))
            row = {"id": sid, "variant": variant, "swiftgym": ours, "over_raw": ours / raw,
                   "over_one_thread": ours / batched[(sid, one)] if threads == 2 else None,
                   "c_step_function": limit, "over_c": ours / limit if limit else None}
            if sid == "cartpole-v1":
                row.update({"gymnasium_numpy_vector": numpy_vector, "over_gymnasium_numpy_vector": ours / numpy_vector,
                            "envpool": pool[threads], "over_envpool": ours / pool[threads] if pool[threads] else None})
            batch_rows.append(row)

    if args.json:
        for row in rows + batch_rows:
            print(json.dumps(row))
        return

    def number(x, fmt):
        return format(x, fmt) if x is not None else "-"

    def show(header, table):
        widths = [max(len(str(x)) for x in col) for col in zip(header, *table)]
        for line in [header, ["-" * w for w in widths], *table]:
            print("  ".join(str(x).ljust(w) if i < 2 else str(x).rjust(w) for i, (x, w) in enumerate(zip(line, widths))))

    show(["environment", "variant", "SwiftGym steps/s", "Gymnasium steps/s", "C step fn steps/s", "C inlined steps/s",
          "SwiftGym / Gymnasium", "C step fn / SwiftGym"],
         [[r["id"], r["variant"], number(r["swiftgym"], ",.0f"), number(r["gymnasium"], ",.0f"), number(r["c_step_function"], ",.0f"),
           number(r["c_inlined_loop"], ",.0f"), number(r["swiftgym_over_gymnasium"], ".1f") + ("x" if r["gymnasium"] else ""),
           number(r["c_over_swiftgym"], ".2f") + ("x" if r["c_step_function"] else "")] for r in rows])
    print()
    if pool[1] is None:
        print("(EnvPool is not installed in this environment: `pip install envpool`)")
    show(["environment", "variant", "SwiftGym steps/s", "/ raw", "/ 1 thread", "/ C step fn", "Gymnasium numpy vector", "/ it",
          "EnvPool, same threads", "/ it"],
         [[r["id"], r["variant"], number(r["swiftgym"], ",.0f"), number(r["over_raw"], ".2f") + "x",
           number(r["over_one_thread"], ".2f") + ("x" if r["over_one_thread"] else ""), number(r["over_c"], ".2f") + ("x" if r["over_c"] else ""),
           number(r.get("gymnasium_numpy_vector"), ",.0f"), number(r.get("over_gymnasium_numpy_vector"), ".1f") + ("x" if r.get("gymnasium_numpy_vector") else ""),
           number(r.get("envpool"), ",.0f"), number(r.get("over_envpool"), ".1f") + ("x" if r.get("envpool") else "")] for r in batch_rows])


if __name__ == "__main__":
    main()
