"""swiftgym's native vector environments: Gymnasium's three autoreset modes on a counting MDP, seeds,
spaces, and agreement with the single environments."""
import json

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode
from gymnasium.vector.utils import batch_space

import swiftgym

# `count` counts the steps of an episode; a step's reward is the count it reaches; episodes end after 3 steps.
COUNTER = {
    "format": "swiftgym.mdp/1", "id": "counter-v0", "kind": "dynamics", "title": "A counter",
    "description": "State count is the number of steps since reset; a step's reward is the count it reaches; terminated when count reaches 3.",
    "max_episode_steps": 100,
    "state": [{"name": "count", "init": 0}],
    "actions": {"type": "discrete", "names": ["a", "b"]},
    "next": {"count": "count + 1"},
    "reward": "count",
    "terminated": "count >= 3",
    "observation": {"expressions": ["count"], "low": [0], "high": [100]},
}


@pytest.fixture
def counter(tmp_path):
    path = tmp_path / "counter-v0.json"
    path.write_text(json.dumps(COUNTER))
    return str(path)


def run(envs, steps):
    """(observation of copy 0, reward, terminated) for each step, and the infos."""
    trace, infos = [], []
    for _ in range(steps):
        observations, rewards, terminated, truncated, info = envs.step(np.zeros(envs.num_envs, dtype=np.int64))
        trace.append((float(observations[0, 0]), float(rewards[0]), bool(terminated[0])))
        infos.append(info)
    return trace, infos


def test_next_step_autoreset_resets_on_the_step_after_the_end(counter):
    envs = swiftgym.make_vec(counter, 2)
    assert envs.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    envs.reset(seed=0)
    trace, _ = run(envs, 5)
    assert trace == [(1, 1, False), (2, 2, False), (3, 3, True), (0, 0, False), (1, 1, False)]


def test_same_step_autoreset_returns_the_reset_observation_and_the_final_one(counter):
    envs = swiftgym.make_vec(counter, 2, autoreset_mode=AutoresetMode.SAME_STEP)
    envs.reset(seed=0)
    trace, infos = run(envs, 4)
    assert trace == [(1, 1, False), (2, 2, False), (0, 3, True), (1, 1, False)]
    assert "final_obs" not in infos[1]
    assert infos[2]["_final_obs"].tolist() == [True, True]
    assert infos[2]["final_obs"][0].tolist() == [3.0]


def test_disabled_autoreset_needs_a_reset_mask(counter):
    envs = swiftgym.make_vec(counter, 2, autoreset_mode=AutoresetMode.DISABLED)
    envs.reset(seed=0)
    run(envs, 3)
    with pytest.raises(gym.error.ResetNeeded, match="needs a reset"):
        envs.step(np.zeros(2, dtype=np.int64))
    observations, _ = envs.reset(options={"reset_mask": np.array([True, False])})
    assert observations[:, 0].tolist() == [0, 3]
    envs.reset(options={"reset_mask": np.array([False, True])})
    trace, _ = run(envs, 1)
    assert trace == [(1, 1, False)]


def test_reset_seed_s_gives_environment_i_seed_s_plus_i():
    envs = swiftgym.make_vec("cartpole-v1", 5)
    observations, _ = envs.reset(seed=40)
    for i in range(5):
        single = swiftgym.make("cartpole-v1")
        np.testing.assert_array_equal(observations[i], single.reset(seed=40 + i)[0])
    # and they step alike
    actions = np.array([0, 1, 1, 0, 1])
    after = envs.step(actions)[0]
    for i in range(5):
        single = swiftgym.make("cartpole-v1")
        single.reset(seed=40 + i)
        np.testing.assert_array_equal(after[i], single.step(int(actions[i]))[0])


def test_a_list_of_seeds_seeds_each_environment_and_none_leaves_one_unseeded():
    envs = swiftgym.make_vec("cartpole-v1", 3)
    observations, _ = envs.reset(seed=[7, None, 9])
    for i, seed in [(0, 7), (2, 9)]:
        np.testing.assert_array_equal(observations[i], swiftgym.make("cartpole-v1").reset(seed=seed)[0])
    with pytest.raises(ValueError, match="needs 3 seeds"):
        envs.reset(seed=[1, 2])


@pytest.mark.parametrize("env_id", ["cartpole-v1", "frozen-lake-8x8-v1", "pendulum-v1", "rock-paper-scissors-exploiter-v1"])
def test_spaces_are_the_batched_single_spaces(env_id):
    envs = swiftgym.make_vec(env_id, 3)
    single = swiftgym.make(env_id)
    assert envs.single_observation_space == single.observation_space
    assert envs.observation_space == batch_space(single.observation_space, 3)
    assert envs.action_space == batch_space(single.action_space, 3)
    observations, _ = envs.reset(seed=1)
    assert envs.observation_space.contains(observations)
    observations, rewards, terminated, truncated, _ = envs.step(envs.action_space.sample())
    assert envs.observation_space.contains(observations)
    assert rewards.dtype == np.float64 and terminated.dtype == np.bool_ and truncated.dtype == np.bool_


def test_gymnasium_make_vec_uses_the_native_vector():
    envs = gym.make_vec("SwiftGym/cartpole-v1", 8)
    assert isinstance(envs, swiftgym.SwiftGymVectorEnv)
    observations, _ = envs.reset(seed=0)
    assert observations.shape == (8, 4) and observations.dtype == np.float32
