"""Stable-Baselines3's PPO on SwiftGym's CartPole, eight copies stepped natively (RL Zoo's settings).

    pip install stable-baselines3 "torch==2.13.*"      # or: make integration, which makes .venv-integration
    python python/examples/sb3_ppo_cartpole.py [steps]
"""
import sys
import time

from stable_baselines3 import PPO
from stable_baselines3.common.evaluation import evaluate_policy

import swiftgym
from swiftgym.sb3 import SwiftGymVecEnv


def main(steps):
    envs = SwiftGymVecEnv("cartpole-v1", 8, seed=0)
    model = PPO("MlpPolicy", envs, n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0,
                learning_rate=lambda progress: progress * 1e-3, clip_range=lambda progress: progress * 0.2, seed=0, device="cpu")
    started = time.perf_counter()
    model.learn(total_timesteps=steps)
    mean, std = evaluate_policy(model, swiftgym.make("cartpole-v1"), n_eval_episodes=10, deterministic=True)
    print(f"PPO on 8 native CartPoles, {steps} steps in {time.perf_counter() - started:.1f} s: evaluation {mean:.1f} ± {std:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
