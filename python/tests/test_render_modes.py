"""Every declared render mode is one the environment keeps: Gymnasium's checker renders each of them."""
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import swiftgym

SHIPPED = swiftgym.ids()  # before any test loads a plugin
DECLARED = [(env_id, mode) for env_id in SHIPPED for mode in swiftgym.describe(env_id)["render_modes"]]
GAMES = swiftgym.game_ids()


@pytest.mark.parametrize("env_id, mode", DECLARED)
def test_every_declared_render_mode_passes_the_checker(env_id, mode):
    env = gym.make("SwiftGym/" + env_id, render_mode=mode)
    assert env.metadata["render_modes"] == swiftgym.describe(env_id)["render_modes"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)  # renders this mode, then every declared mode on an env made through the spec
    # The checker only warns about a render of the wrong kind (None for rgb_array, say).
    assert not [str(w.message) for w in caught if "render" in str(w.message).lower()]
    env.close()


def test_every_shipped_id_declares_its_modes_and_the_corridor_draws_no_picture():
    assert {env_id for env_id, _ in DECLARED} == set(SHIPPED), "a shipped id declares no render mode"
    assert swiftgym.make("corridor-v0").metadata["render_modes"] == ["ansi"]
    assert swiftgym.make("cartpole-v1").metadata["render_modes"] == ["ansi", "rgb_array"]


def test_a_mode_the_environment_does_not_keep_is_refused_when_made():
    with pytest.raises(ValueError, match=r"corridor-v0 draws no picture, so it has no render_mode='rgb_array'; its render modes are \['ansi'\]"):
        swiftgym.make("corridor-v0", render_mode="rgb_array")
    with pytest.raises(ValueError, match="corridor-v0 draws no picture"):
        swiftgym.make_vec("corridor-v0", 2, render_mode="rgb_array")


@pytest.mark.parametrize("env_id, mode", DECLARED)
def test_the_vector_declares_and_renders_the_same_modes(env_id, mode):
    envs = swiftgym.make_vec(env_id, 2, render_mode=mode)
    assert envs.metadata["render_modes"] == swiftgym.describe(env_id)["render_modes"]
    envs.reset(seed=0)
    envs.step(envs.action_space.sample())
    for result in envs.render():
        if mode == "ansi":
            assert isinstance(result, str) and result
        else:
            assert isinstance(result, np.ndarray) and result.dtype == np.uint8 and result.ndim == 3 and result.shape[2] == 3
    envs.close()


@pytest.mark.parametrize("game_id", GAMES)
def test_games_declare_and_render_their_modes(game_id):
    pytest.importorskip("pettingzoo")
    modes = swiftgym.parallel_env(game_id).metadata["render_modes"]
    assert modes, f"{game_id} declares no render mode"
    for mode in modes:  # as PettingZoo's render_test checks each declared mode
        game = swiftgym.parallel_env(game_id, render_mode=mode)
        game.reset(seed=0)
        before = game.render()
        game.step({agent: game.action_space(agent).sample() for agent in game.agents})  # some games last one round
        for result in (before, game.render()):
            if mode == "ansi":
                assert isinstance(result, str) and result
            else:
                assert isinstance(result, np.ndarray) and result.dtype == np.uint8 and result.ndim == 3 and result.shape[2] == 3
        game.close()
