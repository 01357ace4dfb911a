#!/usr/bin/env python3
"""Wall-clock time of a Python DQN baseline on CartPole-v1, to put beside `gym train cartpole-v1 --agent dqn`.

Stable-Baselines3's DQN with the RL Zoo's tuned CartPole-v1 hyperparameters (rl-baselines3-zoo,
hyperparams/dqn.yml) -- the same settings SwiftGym's DQN uses by default: lr 2.3e-3, batch 64, buffer
100,000, learning starts 1,000, gamma 0.99, target update every 10 steps, train frequency 256 with 128
gradient steps, exploration fraction 0.16 down to 0.04, an MLP [256, 256], Huber loss, gradient clipping 10.
Runs on the CPU (torch with its default thread count), prints one JSON line: steps, seconds, steps per
second, and the mean greedy return over 10 evaluation episodes.

Needs a virtual environment with stable-baselines3 (which pulls torch) from PyPI:
    python3 -m venv .venv-sb3 && .venv-sb3/bin/pip install stable-baselines3
    .venv-sb3/bin/python tools/python_dqn_baseline.py [--steps 50000] [--seed 1]
"""
import argparse
import json
import time

import gymnasium
import torch
from stable_baselines3 import DQN
from stable_baselines3.common.evaluation import evaluate_policy


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    env = gymnasium.make("CartPole-v1")
    model = DQN("MlpPolicy", env, learning_rate=2.3e-3, batch_size=64, buffer_size=100_000, learning_starts=1000,
                gamma=0.99, target_update_interval=10, train_freq=256, gradient_steps=128, exploration_fraction=0.16,
                exploration_final_eps=0.04, policy_kwargs=dict(net_arch=[256, 256]), seed=args.seed, device="cpu", verbose=0)
    start = time.perf_counter()
    model.learn(total_timesteps=args.steps)
    seconds = time.perf_counter() - start
    mean, std = evaluate_policy(model, gymnasium.make("CartPole-v1"), n_eval_episodes=10, deterministic=True)
    print(json.dumps({"baseline": "stable-baselines3 DQN", "environment": "CartPole-v1", "steps": args.steps, "seconds": round(seconds, 2),
                      "steps_per_second": round(args.steps / seconds), "eval_mean": mean, "eval_std": std,
                      "torch": torch.__version__, "torch_threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
