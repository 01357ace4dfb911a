"""swiftgym with Stable-Baselines3 (`make integration`; needs stable-baselines3 and torch, which
`make test` never installs): SB3's own checker on every shipped environment, and SB3's PPO with RL Zoo's
CartPole settings on eight native copies, beside the same run on Gymnasium's CartPole."""
import time

import gymnasium as gym
import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("stable_baselines3")
from stable_baselines3 import PPO  # noqa: E402
from stable_baselines3.common.env_checker import check_env  # noqa: E402
from stable_baselines3.common.env_util import make_vec_env  # noqa: E402
from stable_baselines3.common.evaluation import evaluate_policy  # noqa: E402

import swiftgym  # noqa: E402
from swiftgym.sb3 import SwiftGymVecEnv  # noqa: E402


@pytest.mark.parametrize("env_id", swiftgym.ids())
def test_sb3_checker_passes(env_id):
    check_env(swiftgym.make(env_id), warn=False)


def linear(start):
    return lambda progress: progress * start


# RL Zoo's hyperparams/ppo.yml for CartPole-v1 (8 environments, 100,000 steps).
ZOO = dict(n_steps=32, batch_size=256, gae_lambda=0.8, gamma=0.98, n_epochs=20, ent_coef=0.0,
           learning_rate=linear(0.001), clip_range=linear(0.2))


def train(envs, seed):
    started = time.perf_counter()
    model = PPO("MlpPolicy", envs, seed=seed, verbose=0, device="cpu", **ZOO)
    model.learn(total_timesteps=100_000)
    return model, time.perf_counter() - started


def test_ppo_with_rl_zoos_settings_solves_cartpole_on_eight_native_copies():
    model, ours = train(SwiftGymVecEnv("cartpole-v1", 8, seed=0), seed=0)
    mean, _ = evaluate_policy(model, swiftgym.make("cartpole-v1"), n_eval_episodes=10, deterministic=True)
    _, theirs = train(make_vec_env("CartPole-v1", n_envs=8, seed=0), seed=0)
    print(f"\nPPO, RL Zoo settings, 100,000 steps on 8 copies: SwiftGymVecEnv {ours:.1f} s, "
          f"Gymnasium CartPole in DummyVecEnv {theirs:.1f} s; evaluation on swiftgym {mean:.1f}")
    assert mean >= 475


def test_terminal_observation_and_time_limit_flags_are_what_ppo_needs():
    envs = SwiftGymVecEnv("cartpole-v1", 2, seed=1)
    envs.reset()
    for _ in range(600):
        envs.step_async(np.array([0, 1]))
        observations, rewards, dones, infos = envs.step_wait()
        for i in np.flatnonzero(dones):
            assert infos[i]["terminal_observation"].shape == (4,)
            assert infos[i]["TimeLimit.truncated"] is False  # pushed one way, CartPole falls long before 500 steps
        assert rewards.dtype == np.float32 and dones.dtype == np.bool_
