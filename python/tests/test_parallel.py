"""Games as PettingZoo ParallelEnvs: PettingZoo's own API test, a multi-step seed test, and errors."""
import gymnasium as gym
import numpy as np
import pytest

pettingzoo = pytest.importorskip("pettingzoo")
from pettingzoo.test import parallel_api_test  # noqa: E402

import swiftgym  # noqa: E402

GAMES = swiftgym.game_ids()


def test_the_shipped_games_are_listed_apart_from_single_agent_ids():
    assert {"rock-paper-scissors-v2", "rock-wins-double-v1", "three-player-matching-pennies-v1"} <= set(GAMES)
    assert not set(GAMES) & set(swiftgym.ids())


@pytest.mark.parametrize("game_id", GAMES)
@pytest.mark.filterwarnings("ignore:.* has no reset options; ignored 'options'")  # the API test passes {"options": 1}
def test_pettingzoos_parallel_api_test_passes(game_id):
    env = swiftgym.parallel_env(game_id)
    assert isinstance(env, pettingzoo.ParallelEnv)
    parallel_api_test(env, num_cycles=100)
    env.close()


def play(env, seed, steps):
    rng = np.random.default_rng(7)
    record = [env.reset(seed=seed)]
    for _ in range(steps):
        if not env.agents:
            record.append(env.reset())
            continue
        actions = {a: int(rng.integers(env.action_space(a).n)) for a in env.agents}
        record.append((actions, env.step(actions)))
    return record


@pytest.mark.parametrize("game_id", GAMES)
def test_the_same_seed_gives_the_same_values_over_many_steps(game_id):
    first, second = swiftgym.parallel_env(game_id), swiftgym.parallel_env(game_id)
    a, b = play(first, 3, 60), play(second, 3, 60)
    assert repr(a) == repr(b)
    assert len([entry for entry in a if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], tuple)]) > 1


def test_rounds_pay_each_player_and_end_by_truncation():
    env = swiftgym.parallel_env("rock-paper-scissors-v2")
    observations, infos = env.reset(seed=1)
    assert env.agents == ["player_0", "player_1"]
    assert observations["player_0"].dtype == np.int8 and observations["player_0"].tolist() == [0] * 6
    for round_ in range(15):
        obs, rewards, terminations, truncations, infos = env.step({"player_0": 0, "player_1": np.int64(1)})
        assert rewards == {"player_0": -1.0, "player_1": 1.0}
        assert type(rewards["player_0"]) is float and type(truncations["player_0"]) is bool
        assert infos["player_0"]["actions"] == {"player_0": "rock", "player_1": "paper"}
    assert truncations == {"player_0": True, "player_1": True} and terminations == {"player_0": False, "player_1": False}
    assert env.agents == []
    assert obs["player_1"].tolist() == [1, 0, 0, 0, 1, 0]


def test_bad_actions_name_the_agent_and_nothing_moves():
    env = swiftgym.parallel_env("rock-wins-double-v1")
    env.reset(seed=0)
    with pytest.raises(gym.error.InvalidAction, match="no action for agent 'column'"):
        env.step({"row": 0})
    with pytest.raises(swiftgym.InvalidAction, match="unknown agent 'third'; the agents are row, column"):
        env.step({"row": 0, "column": 0, "third": 1})
    with pytest.raises(swiftgym.InvalidAction, match="agent 'row': invalid action 3"):
        env.step({"row": 3, "column": 0})
    with pytest.raises(TypeError, match="agent 'row': actions for Discrete\\(3\\) must be integers, got dtype float64"):
        env.step({"row": 0.5, "column": 0})
    with pytest.raises(ValueError, match="agent 'column': actions for Discrete\\(3\\) must have shape"):
        env.step({"row": 0, "column": [0, 1]})
    _, rewards, _, truncations, _ = env.step({"row": 0, "column": 2})
    assert rewards == {"row": 2.0, "column": -2.0} and truncations["row"]
    with pytest.raises(gym.error.ResetNeeded, match="after the episode ended"):
        env.step({"row": 0, "column": 0})


def test_a_single_agent_id_is_refused():
    with pytest.raises(swiftgym.InvalidArgument, match="gridworld-v1 is a single-agent environment"):
        swiftgym.parallel_env("gridworld-v1")
