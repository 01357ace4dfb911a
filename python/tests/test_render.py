"""RGB frames: render_mode="rgb_array" on the environment, the vector and the games, and RecordVideo."""
import math
import os

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import swiftgym

DRAWN = ["cartpole-v1", "pendulum-v1", "mountain-car-v1", "gridworld-v1", "frozen-lake-8x8-v1", "notes-two-state-v1",
         "rock-paper-scissors-exploiter-v1"]


@pytest.mark.parametrize("env_id", DRAWN)
def test_frames_have_the_declared_shape_and_pass_the_checker(env_id):
    env = gym.make("SwiftGym/" + env_id, render_mode="rgb_array")
    check_env(env.unwrapped)  # Gymnasium's render checks for rgb_array, and for ansi through the spec
    env.reset(seed=0)
    frame = env.render()
    assert frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3
    assert frame.min() < 128, "the frame is blank"
    env.close()


def test_cartpole_frame_puts_the_pole_where_its_angle_says():
    env = swiftgym.make("cartpole-v1", render_mode="rgb_array")
    tips = []
    for theta in (-0.2, 0.2):
        env.reset(seed=0, options={"initial_state": [0.0, 0.0, theta, 0.0]})
        frame = env.render().astype(int)
        assert frame.shape == (400, 600, 3)
        # The pole's colour (202, 152, 101) in the row 100 px above the axle.
        row = frame[292 - 100]
        columns = np.nonzero((abs(row[:, 0] - 202) < 30) & (abs(row[:, 1] - 152) < 30) & (abs(row[:, 2] - 101) < 30))[0]
        assert len(columns) > 0
        tips.append(columns.mean())
        expected = 300 + 100 * math.tan(theta)  # x = 0 is column 300; 100 px up the pole
        assert abs(columns.mean() - expected) < 4
    assert tips[0] < 300 < tips[1]


def test_vector_renders_every_copy_and_frames_follow_the_state():
    envs = swiftgym.make_vec("gridworld-v1", 3, render_mode="rgb_array")
    envs.reset(seed=0)
    first = envs.render()
    assert len(first) == 3 and all(f.shape == first[0].shape for f in first)
    for _ in range(5):
        envs.step(np.array([1, 1, 1]))  # right
    later = envs.render()
    assert any(not np.array_equal(a, b) for a, b in zip(first, later)), "the agent moved but the frames did not change"
    envs.close()


def test_game_frames():
    pytest.importorskip("pettingzoo")
    game = swiftgym.parallel_env("bach-or-stravinsky-v1", render_mode="rgb_array")
    game.reset(seed=0)
    before = game.render()
    game.step({agent: 0 for agent in game.agents})
    after = game.render()
    assert before.shape == after.shape and before.dtype == np.uint8
    assert not np.array_equal(before, after), "the last moves' cell is highlighted"


def test_unknown_render_mode_is_refused():
    with pytest.raises(ValueError, match="rgb_array"):
        swiftgym.make("cartpole-v1", render_mode="human")


def test_record_video_records_a_swiftgym_episode(tmp_path):
    pytest.importorskip("moviepy")  # RecordVideo writes with it
    imageio = pytest.importorskip("imageio")  # comes with moviepy
    env = gym.wrappers.RecordVideo(swiftgym.make("cartpole-v1", render_mode="rgb_array"), str(tmp_path), episode_trigger=lambda e: True,
                                   disable_logger=True)
    env.reset(seed=1)
    done = False
    steps = 0
    while not done:
        _, _, terminated, truncated, _ = env.step(env.action_space.sample())
        done = terminated or truncated
        steps += 1
    env.close()
    videos = [f for f in os.listdir(tmp_path) if f.endswith(".mp4")]
    assert len(videos) == 1
    reader = imageio.get_reader(str(tmp_path / videos[0]))
    assert reader.count_frames() >= steps  # a frame per step at least (RecordVideo decides about the reset and the last)
    assert reader.get_data(0).shape == (400, 600, 3)


def test_a_plugin_without_pictures_declares_no_render_mode_and_refuses_one():
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    swiftgym.load_plugin(f"{repository}/.build/release/libSwiftRandomWalkPlugin.so")  # `make python-test` builds it
    plugin_id = next(i for i in swiftgym.ids() if "random-walk" in i)
    assert swiftgym.make(plugin_id).metadata["render_modes"] == []
    with pytest.raises(ValueError, match=f"{plugin_id} draws no picture, so it has no render_mode='rgb_array'"):
        swiftgym.make(plugin_id, render_mode="rgb_array")
    with pytest.raises(ValueError, match=f"{plugin_id} has no text picture"):
        swiftgym.make(plugin_id, render_mode="ansi")
