"""Bad input from Python gets a clear error with SwiftGym's message, and changes nothing. Each error is a
`SwiftGymError` and, where Gymnasium has a class for it, that class too; the class comes from the C ABI's
error code, never from the message's words."""
import gymnasium as gym
import numpy as np
import pytest

import swiftgym
from swiftgym.vector import AutoresetMode


def test_an_unknown_id_is_gymnasiums_name_not_found_with_a_suggestion():
    with pytest.raises(gym.error.NameNotFound, match="did you mean 'cartpole-v1'") as raised:
        swiftgym.make("cartpol-v1")
    assert isinstance(raised.value, swiftgym.NameNotFound) and isinstance(raised.value, swiftgym.SwiftGymError)
    assert raised.value.code is swiftgym.ErrorCode.UNKNOWN_ID
    with pytest.raises(swiftgym.NameNotFound, match="unknown environment id 'cartpol-v1'"):
        swiftgym.make_vec("cartpol-v1", 2)


def test_an_unknown_game_is_name_not_found_too():
    pytest.importorskip("pettingzoo")
    with pytest.raises(gym.error.NameNotFound, match="unknown environment id 'rock-paper-scisors-v2'"):
        swiftgym.parallel_env("rock-paper-scisors-v2")


def test_a_broken_file_names_the_place(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "swiftgym.mdp/1", "kind": "tabular",')
    with pytest.raises(swiftgym.InvalidFile, match="broken.json:1:") as raised:
        swiftgym.make(str(broken))
    assert isinstance(raised.value, swiftgym.SwiftGymError) and raised.value.code is swiftgym.ErrorCode.INVALID_FILE


def test_an_unknown_parameter_is_an_invalid_argument_and_a_value_error():
    with pytest.raises(swiftgym.InvalidArgument, match="cartpole-v1 has no parameter 'gravityy'") as raised:
        swiftgym.make("cartpole-v1", gravityy=9.8)
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, swiftgym.SwiftGymError)


def test_an_invalid_action_names_the_environment_and_moves_nothing():
    envs, twin = swiftgym.make_vec("cartpole-v1", 3), swiftgym.make_vec("cartpole-v1", 3)
    envs.reset(seed=0)
    twin.reset(seed=0)
    with pytest.raises(gym.error.InvalidAction, match=r"invalid action 5 for environment 2 .*Discrete\(2\)") as raised:
        envs.step(np.array([0, 1, 5]))
    assert isinstance(raised.value, swiftgym.InvalidAction) and isinstance(raised.value, swiftgym.SwiftGymError)
    # The refused step left no trace: the next step is the twin's first.
    np.testing.assert_array_equal(envs.step(np.array([0, 1, 1]))[0], twin.step(np.array([0, 1, 1]))[0])


def test_an_invalid_action_of_a_single_environment_is_gymnasiums_invalid_action():
    env = swiftgym.make("cartpole-v1")
    env.reset(seed=0)
    with pytest.raises(gym.error.InvalidAction, match="invalid action 2"):
        env.step(2)


def test_a_nan_action_is_refused_and_the_state_is_unchanged():
    env = swiftgym.make("pendulum-v1")
    env.reset(seed=2)
    with pytest.raises(swiftgym.InvalidAction, match="NaN"):
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


def test_use_after_close_is_gymnasiums_closed_environment_error_and_close_twice_is_fine():
    env = swiftgym.make("cartpole-v1")
    env.reset(seed=0)
    env.close()
    env.close()
    with pytest.raises(gym.error.ClosedEnvironmentError, match="the environment is closed") as raised:
        env.step(0)
    assert isinstance(raised.value, swiftgym.ClosedEnvironmentError) and isinstance(raised.value, swiftgym.SwiftGymError)
    envs = swiftgym.make_vec("cartpole-v1", 2)
    envs.close()
    envs.close()
    with pytest.raises(gym.error.ClosedEnvironmentError, match="the environment is closed"):
        envs.reset(seed=0)


def test_a_closed_game_raises_closed_environment_error():
    pytest.importorskip("pettingzoo")
    game = swiftgym.parallel_env("rock-paper-scissors-v2")
    game.close()
    game.close()
    with pytest.raises(gym.error.ClosedEnvironmentError, match="the game is closed"):
        game.reset(seed=0)


def test_stepping_an_ended_episode_is_gymnasiums_reset_needed():
    env = swiftgym.make("frozen-lake-4x4-v1")
    env.reset(seed=0)
    for _ in range(200):
        _, _, terminated, truncated, _ = env.step(0)
        if terminated or truncated:
            break
    with pytest.raises(gym.error.ResetNeeded, match="needs a reset") as raised:
        env.step(0)
    assert isinstance(raised.value, swiftgym.ResetNeeded) and raised.value.code is swiftgym.ErrorCode.RESET_NEEDED


def test_stepping_before_the_first_reset_is_reset_needed():
    env = swiftgym.make("cartpole-v1")
    with pytest.raises(swiftgym.ResetNeeded):
        env.step(0)


def test_a_reset_option_it_does_not_understand_is_refused_by_name():
    env = swiftgym.make("cartpole-v1")
    with pytest.raises(swiftgym.InvalidArgument, match="cartpole-v1: reset has no option 'initial_stat'; its options are 'initial_state'"):
        env.reset(seed=0, options={"initial_stat": [0.5, 0, 0, 0]})
    with pytest.raises(ValueError, match=r"reset has no options 'a' or 'b'"):
        env.reset(options={"a": 1, "b": 2})
    observation, _ = env.reset(seed=0, options={"initial_state": [0.5, 0, 0, 0]})
    assert observation[0] == pytest.approx(0.5)
    envs = swiftgym.make_vec("cartpole-v1", 2, autoreset_mode=AutoresetMode.DISABLED)
    with pytest.raises(swiftgym.InvalidArgument, match="reset has no option 'mask'; its options are 'initial_state', 'reset_mask'"):
        envs.reset(seed=0, options={"mask": np.array([True, False])})
    envs.reset(seed=0, options={"reset_mask": np.array([True, True])})


def test_a_game_names_the_reset_options_it_cannot_honour():
    pytest.importorskip("pettingzoo")
    game = swiftgym.parallel_env("rock-paper-scissors-v2")
    with pytest.warns(UserWarning, match="rock-paper-scissors-v2 has no reset options; ignored 'difficulty'"):
        game.reset(seed=0, options={"difficulty": 3})


def test_a_missing_plugin_is_a_plugin_failure():
    with pytest.raises(swiftgym.PluginFailure, match="libmissing.so: no such file") as raised:
        swiftgym.load_plugin("/nonexistent/libmissing.so")
    assert raised.value.code is swiftgym.ErrorCode.PLUGIN


NAN_REWARD = """{
  "format": "swiftgym.mdp/1", "id": "nan-reward-v1", "kind": "dynamics", "title": "A reward that is not a number",
  "description": "Its reward is sqrt(x - 1) at x = 0.", "max_episode_steps": 5,
  "state": [{"name": "x", "init": 0}], "actions": {"type": "discrete", "names": ["stay"]},
  "next": {"x": "x"}, "reward": "sqrt(x - 1)", "terminated": "false",
  "observation": {"expressions": ["x"], "low": [-1], "high": [1]}
}"""


def test_a_reward_that_is_not_a_number_is_an_environment_failure(tmp_path):
    file = tmp_path / "nan-reward.json"
    file.write_text(NAN_REWARD)
    env = swiftgym.make(str(file))
    env.reset(seed=0)
    with pytest.raises(swiftgym.EnvironmentFailure, match=r"nan-reward-v1: the reward evaluated to -?nan at step 1") as raised:
        env.step(0)
    assert raised.value.code is swiftgym.ErrorCode.ENVIRONMENT


def test_a_broken_gambit_file_is_an_invalid_file(tmp_path):
    pytest.importorskip("pettingzoo")
    file = tmp_path / "broken.nfg"
    file.write_text('NFG 1 R "broken" { "a" "b" }\n{ 2 2\n')
    with pytest.raises(swiftgym.InvalidFile, match=r"broken.nfg:2:5: the file ends"):
        swiftgym.parallel_env(str(file))
