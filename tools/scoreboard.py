"""SwiftGym's agents beside Stable-Baselines3's, side by side in one run (`make bench-sb3`).

Every row trains both on the same environment with the same hyperparameters, over the same seeds, and
prints and writes (runs/scoreboard/scoreboard.md and .json):
- the wall time of each run, training and its evaluations included;
- the final greedy evaluation, mean ± standard deviation over seeds;
- the final agent evaluated again on --final-episodes greedy episodes (100; not timed), mean ± standard
  deviation over seeds: a 10-episode evaluation on Pendulum has a standard error of 10-40, too much to
  compare two agents by. Both sides play the same episodes' start states there: SwiftGym's environment
  seeded with 1000 at its first reset (SB3's model through the swiftgym package), since on Pendulum two
  sets of 100 random starts differ by about 10 in their mean return whoever plays them;
- the steps to the row's threshold: the first evaluation (every budget/20 steps) whose mean reaches it
  (CartPole 475; Pendulum -200; FrozenLake 95% of the optimal success rate within its 200 steps; the point
  mass -50, where pushing nothing returns about -267).

SwiftGym runs are `gym train ENV --agent A --seed S --json`. It evaluates every budget/20 steps on
--eval-episodes episodes, with `--threads` at the row's `threads` (the row blocks of its matrix products:
1, and 2 for the actor-critics' batches of 256 rows, where a second thread pays), and its final agent is
evaluated again by `gym evaluate --episodes N --seed 1000`. SB3 runs on Gymnasium's own
environment with an EvalCallback at the same interval and the same episode count, on the CPU with
--torch-threads threads, and its final model is evaluated again by `evaluate_policy` on SwiftGym's copy of
the environment (whose dynamics match Gymnasium's) seeded with 1000, the same start states. Each side's
final evaluation is the last of the evaluations during training.

SB3 runs the point-mass rows, and every final re-evaluation, on SwiftGym's own files through the swiftgym
package, which needs python/ on PYTHONPATH and SWIFTGYM_LIBRARY (the Makefile sets both).

Run in .venv-integration (stable-baselines3, torch 2.13 for CPUs, Gymnasium 1.4):
    .venv-integration/bin/python tools/scoreboard.py [--seeds 5] [--rows dqn-cartpole,ppo-cartpole] [--scale 1]
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

import gymnasium
import numpy as np
import torch
from stable_baselines3 import A2C, DDPG, DQN, PPO, SAC, TD3
from stable_baselines3.common.callbacks import EvalCallback
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.evaluation import evaluate_policy
from stable_baselines3.common.vec_env import DummyVecEnv
from stable_baselines3.common.noise import NormalActionNoise

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The seed of the final agents' second evaluation (`--final-episodes`), on both sides.
FINAL_SEED = 1000

# Each row: SwiftGym's id and agent with its --set values, and SB3's class, Gymnasium id and keyword
# arguments for the same hyperparameters. Sources: RL Zoo's hyperparams/dqn.yml for DQN on CartPole-v1;
# SB3's defaults for PPO, A2C and SAC (A2C with ReLU on the point mass, where tanh fails on both sides);
# CleanRL's ddpg/td3_continuous_action.py for DDPG and TD3, which SwiftGym's dpg follows (1,000 random
# steps first instead of 25,000).
DPG_SB3 = dict(learning_rate=3e-4, buffer_size=1_000_000, learning_starts=1000, batch_size=256, tau=0.005, gamma=0.99,
               train_freq=1, gradient_steps=1, policy_kwargs=dict(net_arch=[256, 256]))
# RL Zoo's hyperparams/dqn.yml for CartPole-v1.
DQN_ZOO = dict(learning_rate=2.3e-3, batch_size=64, buffer_size=100_000, learning_starts=1000, gamma=0.99, target_update_interval=10,
               train_freq=256, gradient_steps=128, exploration_fraction=0.16, exploration_final_eps=0.04,
               policy_kwargs=dict(net_arch=[256, 256]))
ROWS = {
    "dqn-cartpole": dict(
        title="DQN, CartPole, 50k (RL Zoo)", env="cartpole-v1", agent="dqn", settings={}, steps=50_000, threshold=475,
        sb3=DQN, gym_id="CartPole-v1", kwargs=DQN_ZOO),
    "dqn-cartpole-linear": dict(
        title="DQN, CartPole, 50k (RL Zoo, step size falling linearly to 0)", env="cartpole-v1", agent="dqn",
        settings={"learning_rate_decay": "true"}, steps=50_000, threshold=475,
        sb3=DQN, gym_id="CartPole-v1", kwargs=dict(DQN_ZOO, learning_rate=lambda remaining: 2.3e-3 * remaining)),
    "ppo-cartpole": dict(
        title="PPO, CartPole, 100k (SB3 defaults)", env="cartpole-v1", agent="ppo", settings={}, steps=100_000, threshold=475,
        sb3=PPO, gym_id="CartPole-v1", kwargs={}),
    "a2c-cartpole": dict(
        title="A2C, CartPole, 100k (SB3 defaults)", env="cartpole-v1", agent="a2c", settings={}, steps=100_000, threshold=475,
        sb3=A2C, gym_id="CartPole-v1", kwargs={}),
    "ddpg-pendulum": dict(
        title="DDPG, Pendulum, 20k (CleanRL)", env="pendulum-v1", agent="dpg", settings={}, steps=20_000, threshold=-200,
        sb3=DDPG, gym_id="Pendulum-v1", kwargs=DPG_SB3, noise=0.1, threads=2),
    "td3-pendulum": dict(
        title="TD3, Pendulum, 20k (CleanRL)", env="pendulum-v1", agent="dpg", settings={"td3": "true"}, steps=20_000, threshold=-200,
        sb3=TD3, gym_id="Pendulum-v1", kwargs=dict(DPG_SB3, policy_delay=2, target_policy_noise=0.2, target_noise_clip=0.5), noise=0.1, threads=2),
    "sac-pendulum": dict(
        title="SAC, Pendulum, 20k (SB3 defaults)", env="pendulum-v1", agent="sac", settings={}, steps=20_000, threshold=-200,
        sb3=SAC, gym_id="Pendulum-v1", kwargs={}, threads=2),
    "ppo-pendulum": dict(
        title="PPO, Pendulum, 100k, 4 copies (RL Zoo, gSDE)", env="pendulum-v1", agent="ppo",
        settings={"num_envs": "4", "n_steps": "1024", "gae_lambda": "0.95", "gamma": "0.9", "n_epochs": "10", "learning_rate": "0.001",
                  "clip_range": "0.2", "use_sde": "true", "sde_sample_freq": "4"}, steps=100_000, threshold=-400,
        sb3=PPO, gym_id="Pendulum-v1", n_envs=4,
        kwargs=dict(n_steps=1024, gae_lambda=0.95, gamma=0.9, n_epochs=10, ent_coef=0.0, learning_rate=1e-3, clip_range=0.2,
                    use_sde=True, sde_sample_freq=4)),
    "ppo-frozenlake": dict(
        title="PPO, FrozenLake 8x8, 200k (SB3 defaults)", env="frozen-lake-8x8-v1", agent="ppo", settings={}, steps=200_000, threshold=None,
        sb3=PPO, gym_id="FrozenLake8x8-v1", kwargs={}),
    # SwiftGym's own JSON file on both sides: SB3 steps it through the swiftgym package ("SwiftGym/<id>").
    # Pushing nothing returns about -267 and the linear controller u = clip(-2x - 2v) -12.3 (the file's description).
    "ppo-point-mass": dict(
        title="PPO, point mass, 20k (SB3 defaults)", env="point-mass-v1", agent="ppo", settings={}, steps=20_000, threshold=-50,
        sb3=PPO, gym_id="SwiftGym/point-mass-v1", kwargs={}),
    "a2c-point-mass": dict(
        title="A2C, point mass, 20k (SB3 defaults, ReLU)", env="point-mass-v1", agent="a2c", settings={"activation": "relu"}, steps=20_000,
        threshold=-50, sb3=A2C, gym_id="SwiftGym/point-mass-v1", kwargs=dict(policy_kwargs=dict(activation_fn=torch.nn.ReLU))),
}


def swiftgym_run(gym, row, seed, steps, episodes, out):
    arguments = [gym, "train", row["env"], "--agent", row["agent"], "--seed", str(seed), "--steps", str(steps),
                 "--eval-episodes", str(episodes), "--threads", str(row.get("threads", 1)), "--out", out, "--json"]
    for key, value in row["settings"].items():
        arguments += ["--set", f"{key}={value}"]
    started = time.perf_counter()
    done = subprocess.run(arguments, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(arguments)} failed:\n{done.stderr}")
    with open(os.path.join(out, "evaluations.csv")) as file:
        curve = [(int(r["step"]), float(r["mean"])) for r in csv.DictReader(file)]
    return seconds, curve


def swiftgym_final(gym, row, out, episodes):
    """The mean return of the run's final agent over `episodes` greedy episodes from seed 1000."""
    done = subprocess.run([gym, "evaluate", row["env"], "--checkpoint", os.path.join(out, "agent.ckpt"), "--episodes", str(episodes),
                           "--seed", str(FINAL_SEED), "--json"], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"gym evaluate {row['env']} on {out} failed:\n{done.stderr}")
    return json.loads(done.stdout)["mean"]


def register(row):
    """SwiftGym's ids join Gymnasium's registry when the swiftgym package (python/, SWIFTGYM_LIBRARY) is imported."""
    if row["gym_id"].startswith("SwiftGym/"):
        import swiftgym  # noqa: F401


def gymnasium_env(row):
    """A fresh Gymnasium environment of the row's."""
    register(row)
    return gymnasium.make(row["gym_id"], **row.get("make_kwargs", {}))


def sb3_run(row, seed, steps, episodes, out):
    register(row)
    copies = row.get("n_envs", 1)
    env = gymnasium_env(row) if copies == 1 else make_vec_env(row["gym_id"], n_envs=copies, seed=seed, env_kwargs=row.get("make_kwargs"))
    kwargs = dict(row["kwargs"])
    if "noise" in row:
        # SB3 adds action noise to the action scaled to [-1, 1] (OffPolicyAlgorithm._sample_action), so a standard
        # deviation of `noise` there is `noise` times the half-range in the environment's units, as CleanRL's
        # exploration_noise * action_scale and SwiftGym's exploration_noise * (high - low) / 2.
        kwargs["action_noise"] = NormalActionNoise(np.zeros(env.action_space.shape), row["noise"] * np.ones(env.action_space.shape))
    model = row["sb3"]("MlpPolicy", env, seed=seed, device="cpu", verbose=0, **kwargs)
    # The callback keeps its evaluations only when it has a log_path (it writes evaluations.npz there).
    # eval_freq counts the callback's calls, one per step of every copy together.
    callback = EvalCallback(gymnasium_env(row), n_eval_episodes=episodes, eval_freq=max(1, steps // 20 // copies), deterministic=True, verbose=0,
                            log_path=out)
    started = time.perf_counter()
    model.learn(total_timesteps=steps, callback=callback)
    seconds = time.perf_counter() - started
    curve = [(int(step), float(np.mean(returns))) for step, returns in zip(callback.evaluations_timesteps, callback.evaluations_results)]
    return seconds, curve, model


def sb3_final(row, model, episodes):
    """The mean return of the final model over `episodes` greedy episodes of SwiftGym's copy of the
    environment through the swiftgym package, seeded with 1000 at the first reset as `gym evaluate` seeds
    it: both sides' final agents play the same start states, so their means differ by their play alone."""
    import swiftgym  # noqa: F401  (registers "SwiftGym/<id>")
    env = DummyVecEnv([lambda: gymnasium.make("SwiftGym/" + row["env"])])
    env.seed(FINAL_SEED)
    mean, _ = evaluate_policy(model, env, n_eval_episodes=episodes, deterministic=True)
    return float(mean)


def steps_to(curve, threshold):
    return next((step for step, mean in curve if mean >= threshold), None)


def summary(runs, threshold):
    finals = [curve[-1][1] for _, curve, _ in runs]
    reached = [steps_to(curve, threshold) for _, curve, _ in runs] if threshold is not None else []
    again = [final for _, _, final in runs if final is not None]
    hits = [s for s in reached if s is not None]
    return {
        "seconds": statistics.mean(s for s, _, _ in runs),
        "final_mean": statistics.mean(finals), "final_std": statistics.pstdev(finals), "finals": finals,
        "again_mean": statistics.mean(again) if again else None, "again_std": statistics.pstdev(again) if again else None, "again": again,
        "steps_to_threshold": statistics.median(hits) if hits else None, "reached": f"{len(hits)}/{len(runs)}" if threshold is not None else "",
    }


def optimal_success_rate(gym, env, out):
    """The best expected undiscounted return from the start within the time limit, exactly: `gym evaluate`
    computes the optimum under the discount an agent trained with, so a short run with gamma=1 gives it."""
    directory = os.path.join(out, f"{env}-optimum")
    subprocess.run([gym, "train", env, "--agent", "ppo", "--steps", "1000", "--set", "gamma=1", "--out", directory, "--json"],
                   capture_output=True, check=True)
    done = subprocess.run([gym, "evaluate", env, "--checkpoint", os.path.join(directory, "agent.ckpt"), "--episodes", "1", "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["optimal_start_value"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gym", default=os.path.join(ROOT, ".build", "release", "gym"))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--rows", default=",".join(ROWS),
                        help="comma-separated rows, each NAME or NAME:SEEDS to give it its own seed count: " + ", ".join(ROWS))
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every budget (a quick check of the tool: 0.05)")
    parser.add_argument("--eval-episodes", type=int, default=10)
    parser.add_argument("--final-episodes", type=int, default=100, help="episodes of the final agents' second evaluation (0: none)")
    parser.add_argument("--torch-threads", type=int, default=2)
    parser.add_argument("--out", default=os.path.join(ROOT, "runs", "scoreboard"))
    args = parser.parse_args()
    torch.set_num_threads(args.torch_threads)
    os.makedirs(args.out, exist_ok=True)
    header = ["run", "SwiftGym time", "SB3 time", "speedup", "SwiftGym final", "SB3 final", "SwiftGym to threshold", "SB3 to threshold"]
    if args.final_episodes > 0:
        header[6:6] = [f"SwiftGym final, {args.final_episodes} episodes", f"SB3 final, {args.final_episodes} episodes"]
    lines, records = [], []
    print(f"{args.seeds} seeds unless a row says; SwiftGym on 1 thread (2 for DDPG, TD3 and SAC), SB3 {stable_version()} on torch {torch.__version__} with "
          f"{args.torch_threads} threads; {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    for entry in args.rows.split(","):
        name, _, count = entry.partition(":")
        if name not in ROWS:
            sys.exit(f"scoreboard: unknown row {name!r}; the rows are {', '.join(ROWS)}")
        row, seeds = ROWS[name], int(count) if count else args.seeds
        steps = max(1000, int(row["steps"] * args.scale))
        threshold = row["threshold"]
        if threshold is None:  # a known model: 95% of the optimum
            threshold = 0.95 * optimal_success_rate(args.gym, row["env"], args.out)
        ours, theirs = [], []
        again = lambda run: f" ({args.final_episodes} episodes: {run[2]:.1f})" if run[2] is not None else ""  # noqa: E731
        for seed in range(seeds):
            out = os.path.join(args.out, f"{name}-seed{seed}")
            seconds, curve = swiftgym_run(args.gym, row, seed, steps, args.eval_episodes, out)
            ours.append((seconds, curve, swiftgym_final(args.gym, row, out, args.final_episodes) if args.final_episodes > 0 else None))
            seconds, curve, model = sb3_run(row, seed, steps, args.eval_episodes, out + "-sb3")
            theirs.append((seconds, curve, sb3_final(row, model, args.final_episodes) if args.final_episodes > 0 else None))
            print(f"  {name} seed {seed}: SwiftGym {ours[-1][0]:.1f} s, final {ours[-1][1][-1][1]:.1f}{again(ours[-1])}; "
                  f"SB3 {theirs[-1][0]:.1f} s, final {theirs[-1][1][-1][1]:.1f}{again(theirs[-1])}", flush=True)
        a, b = summary(ours, threshold), summary(theirs, threshold)
        title = row["title"] if args.scale == 1 else f"{row['title']} (x{args.scale:g}: {steps} steps)"
        places = 3 if abs(threshold) < 10 else 1  # success rates need more places than returns
        fmt = lambda s, key="final": f"{s[key + '_mean']:.{places}f} ± {s[key + '_std']:.{places}f}"  # noqa: E731
        to = lambda s: (f"{s['steps_to_threshold']:.0f} ({s['reached']})" if s["steps_to_threshold"] is not None else f"not reached ({s['reached']})")  # noqa: E731
        limit = f"{threshold:.3f}" if places == 3 else f"{threshold:g}"
        lines.append([f"{title}; threshold {limit}; {seeds} seed{'s' if seeds > 1 else ''}", f"{a['seconds']:.1f} s", f"{b['seconds']:.1f} s",
                      f"{b['seconds'] / a['seconds']:.1f}x", fmt(a), fmt(b), to(a), to(b)])
        if args.final_episodes > 0:
            lines[-1][6:6] = [fmt(a, "again"), fmt(b, "again")]
        records.append({"row": name, "seeds": seeds, "steps": steps, "threshold": threshold, "swiftgym": a, "sb3": b})
        print("| " + " | ".join(lines[-1]) + " |", flush=True)
    table = "| " + " | ".join(header) + " |\n|" + "---|" * len(header) + "\n" + "".join("| " + " | ".join(l) + " |\n" for l in lines)
    print(table)
    with open(os.path.join(args.out, "scoreboard.md"), "w") as file:
        file.write(table)
    with open(os.path.join(args.out, "scoreboard.json"), "w") as file:
        json.dump(records, file, indent=1)


def stable_version():
    import stable_baselines3
    return stable_baselines3.__version__


if __name__ == "__main__":
    main()
