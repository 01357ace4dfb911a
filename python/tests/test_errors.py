"""Bad input from Python gets a clear error with SwiftGym's message, and changes nothing."""
import gymnasium as gym
import numpy as np
import pytest

import swiftgym


def test_an_unknown_id_is_gymnasiums_name_not_found_with_a_suggestion():
    with pytest.raises(gym.error.NameNotFound, match="did you mean 'cartpole-v1'"):
        swiftgym.make("cartpol-v1")


def test_a_broken_file_names_the_place(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "swiftgym.mdp/1", "kind": "tabular",')
    with pytest.raises(swiftgym.SwiftGymError, match="broken.json:1:"):
        swiftgym.make(str(broken))


def test_an_invalid_action_names_the_environment_and_moves_nothing():
    envs, twin = swiftgym.make_vec("cartpole-v1", 3), swiftgym.make_vec("cartpole-v1", 3)
    envs.reset(seed=0)
    twin.reset(seed=0)
    with pytest.raises(swiftgym.SwiftGymError, match=r"invalid action 5 for environment 2 .*Discrete\(2\)"):
        envs.step(np.array([0, 1, 5]))
    # The refused step left no trace: the next step is the twin's first.
    np.testing.assert_array_equal(envs.step(np.array([0, 1, 1]))[0], twin.step(np.array([0, 1, 1]))[0])


def test_a_nan_action_is_refused_and_the_state_is_unchanged():
    env = swiftgym.make("pendulum-v1")
    env.reset(seed=2)
    with pytest.raises(swiftgym.SwiftGymError, match="NaN"):
        env.step(np.array([np.nan], dtype=np.float32))
    twin = swiftgym.make("pendulum-v1")
    twin.reset(seed=2)
    np.testing.assert_array_equal(env.step(np.array([0.5], dtype=np.float32))[0], twin.step(np.array([0.5], dtype=np.float32))[0])


def test_the_wrong_dtype_or_shape_of_actions_is_a_python_error():
    envs = swiftgym.make_vec("cartpole-v1", 3)
    envs.reset(seed=0)
    with pytest.raises(TypeError, match="must be integers, got dtype float64"):
        envs.step(np.array([0.0, 1.0, 1.0]))
    with pytest.raises(ValueError, match=r"must have shape \(3,\), got \(2,\)"):
        envs.step(np.array([0, 1]))
    pendulums = swiftgym.make_vec("pendulum-v1", 2)
    pendulums.reset(seed=0)
    with pytest.raises(ValueError, match=r"must have shape \(2, 1\), got \(3, 1\)"):
        pendulums.step(np.zeros((3, 1), dtype=np.float32))


def test_use_after_close_raises_and_close_twice_is_fine():
    env = swiftgym.make("cartpole-v1")
    env.reset(seed=0)
    env.close()
    env.close()
    with pytest.raises(swiftgym.SwiftGymError, match="closed"):
        env.step(0)
    envs = swiftgym.make_vec("cartpole-v1", 2)
    envs.close()
    envs.close()
    with pytest.raises(swiftgym.SwiftGymError, match="closed"):
        envs.reset(seed=0)


def test_stepping_an_ended_episode_needs_a_reset():
    env = swiftgym.make("frozen-lake-4x4-v1")
    env.reset(seed=0)
    for _ in range(200):
        _, _, terminated, truncated, _ = env.step(0)
        if terminated or truncated:
            break
    with pytest.raises(swiftgym.SwiftGymError, match="needs a reset"):
        env.step(0)
