"""RLlib's PPO (new API stack) on a SwiftGym environment, whose env runners each build SwiftGym's native
vector environment: one call into Swift steps all of a runner's copies.

    python python/examples/rllib_ppo.py                                # local mode: ray.init(num_cpus=2), one process
    ray start --head --num-cpus 2                                      # a cluster (a second machine joins with
    python python/examples/rllib_ppo.py --address auto --env-runners 2 #   `ray start --address=HEAD:6379`)
    python python/examples/rllib_ppo.py --env Environments/frozen-lake-8x8-v1.json   # a JSON MDP file

Every process that builds an environment (the driver, and each env runner on every node) must import
swiftgym, which registers SwiftGym's ids with Gymnasium. This script uses both ways of making sure:
- a shipped id is given to RLlib module-qualified, "swiftgym:SwiftGym/cartpole-v1": Gymnasium imports the
  module named before the colon in whichever process makes the environment;
- a JSON file is wrapped in an env creator registered with `ray.tune.registry.register_env`, which
  imports swiftgym itself. The file must be at the same path on every node.

`--compare-gymnasium` then runs the same configuration on Gymnasium's own CartPole-v1 (vectorised the way
RLlib does by default, `sync`), and prints both runs' sampling rates, the time of one step call of the
vector, and the times to a mean return of 450. `--gymnasium-first` runs Gymnasium's first, for the order's
share of the difference (the first run in a process pays torch's warm-up).
"""
import argparse
import os
import time

from swiftgym.cluster import use_token_if_there_is_one

use_token_if_there_is_one()  # before Ray is imported: a cluster begun by `ray start` wants this machine's token
import ray  # noqa: E402
from ray.rllib.algorithms.ppo import PPOConfig  # noqa: E402
from ray.rllib.connectors.env_to_module import FlattenObservations  # noqa: E402
from ray.rllib.core.rl_module.default_model_config import DefaultModelConfig  # noqa: E402
from ray.tune.registry import register_env  # noqa: E402


def swiftgym_file_env(config):
    """An env creator for a JSON MDP file: a single environment, or RLlib's vector of `num_envs` copies."""
    import swiftgym  # in every process that calls this creator

    config = dict(config)
    path = config.pop("path")
    if "num_envs" in config:
        return swiftgym.make_vec(path, config.pop("num_envs"), **config)
    return swiftgym.make(path, **config)


def ppo_config(env, env_config, env_runners, envs_per_runner, vectorize_mode, seed):
    """RLlib's tuned CartPole PPO (lr 3e-4, 6 epochs, a [32] network with a shared value layer). Observations
    are flattened first, so that a tabular MDP's Discrete states reach the network one-hot."""
    return (
        PPOConfig()
        .environment(env, env_config=env_config)
        .env_runners(num_env_runners=env_runners, num_envs_per_env_runner=envs_per_runner,
                     gym_env_vectorize_mode=vectorize_mode,
                     env_to_module_connector=lambda env, spaces, device: FlattenObservations())
        .training(lr=3e-4, num_epochs=6, vf_loss_coeff=0.01)
        .rl_module(model_config=DefaultModelConfig(fcnet_hiddens=[32], fcnet_activation="linear", vf_share_layers=True))
        .debugging(seed=seed)
    )


def train(config, iterations, target):
    """Trains until the mean episode return reaches `target` or `iterations` run out; returns what was measured:
    the steps sampled, the wall time (training included), the time to the target, the sampling rate by
    RLlib's own sample timer, and the mean time of one step call of a runner's vector."""
    algorithm = config.build_algo()
    started = time.perf_counter()
    sampled, sampling_seconds, step_seconds, reached, mean = 0, 0.0, [], None, float("nan")
    for iteration in range(1, iterations + 1):
        result = algorithm.train()
        runners = result["env_runners"]
        mean = runners.get("episode_return_mean", float("nan"))
        sampled = result["num_env_steps_sampled_lifetime"]
        # The sample timer is each runner's time per sample() call, averaged over runners, which sample at once.
        sampling_seconds += runners["sample"]
        step_seconds.append(runners["env_step_timer"])
        print(f"  iteration {iteration}: {sampled:.0f} steps sampled, mean return {mean:.1f}", flush=True)
        if mean >= target:
            reached = time.perf_counter() - started
            break
    wall = time.perf_counter() - started
    algorithm.stop()
    return {"steps": sampled, "wall_seconds": wall, "seconds_to_target": reached, "mean_return": mean,
            "sampled_per_second": sampled / sampling_seconds, "vector_step_seconds": sum(step_seconds) / len(step_seconds)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", default="cartpole-v1", help="a SwiftGym id or a JSON MDP file")
    parser.add_argument("--address", help="a Ray cluster's address (auto, HOST:6379); without it, local mode")
    parser.add_argument("--env-runners", type=int, default=0, help="env runner processes (0: sample in the driver)")
    parser.add_argument("--envs-per-runner", type=int, default=8)
    parser.add_argument("--iterations", type=int, default=40)
    parser.add_argument("--target", type=float, default=450.0, help="stop at this mean episode return")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--compare-gymnasium", action="store_true", help="also run Gymnasium's CartPole-v1 with the same configuration")
    parser.add_argument("--gymnasium-first", action="store_true", help="with --compare-gymnasium: run Gymnasium's CartPole-v1 first")
    args = parser.parse_args()

    if args.address:
        ray.init(address=args.address)
    else:
        ray.init(num_cpus=2, include_dashboard=False)

    if os.path.exists(args.env):
        register_env("swiftgym-file", swiftgym_file_env)
        env, env_config, label = "swiftgym-file", {"path": os.path.abspath(args.env)}, args.env
    else:
        env, env_config, label = f"swiftgym:SwiftGym/{args.env}", {}, f"SwiftGym/{args.env}"
    runs = [(label, ppo_config(env, env_config, args.env_runners, args.envs_per_runner, "vector_entry_point", args.seed))]
    if args.compare_gymnasium:
        gymnasium = ("Gymnasium CartPole-v1", ppo_config("CartPole-v1", {}, args.env_runners, args.envs_per_runner, "sync", args.seed))
        runs.insert(0 if args.gymnasium_first else 1, gymnasium)
    measured = []
    for name, config in runs:
        print(f"PPO on {name}: {args.env_runners} env runners x {args.envs_per_runner} copies", flush=True)
        measured.append((name, train(config, args.iterations, args.target)))
    for name, m in measured:
        to_target = f"{m['seconds_to_target']:.1f} s" if m["seconds_to_target"] is not None else f"not reached in {args.iterations} iterations"
        print(f"{name}: {m['steps']:.0f} steps sampled at {m['sampled_per_second']:.0f} steps/s (RLlib's sample timer), one step "
              f"call of a runner's {args.envs_per_runner} copies {m['vector_step_seconds'] * 1e6:.0f} us; mean return "
              f"{m['mean_return']:.1f}; time to a mean return of {args.target:g}: {to_target} ({m['wall_seconds']:.1f} s in all)")
    ray.shutdown()


if __name__ == "__main__":
    main()
