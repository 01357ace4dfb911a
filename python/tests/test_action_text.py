"""Discrete actions given as strings, read by SwiftGym's rule (Specs/protocol.md, "Actions written as text")."""
import json

import pytest

import swiftgym

MOVES = [str(n) for n in range(-5, 6)]  # Jack's car rental's moves


@pytest.fixture
def moves(tmp_path):
    """One state; every action stays there with a reward equal to its name, so rewards say which action ran."""
    path = tmp_path / "moves-v1.json"
    path.write_text(json.dumps({
        "format": "swiftgym.mdp/1", "id": "moves-v1", "kind": "tabular", "states": ["here"], "actions": MOVES, "start": "here",
        "transitions": {"here": {a: [{"p": 1, "to": "here", "reward": int(a)}] for a in MOVES}}}))
    env = swiftgym.make(str(path))
    env.reset(seed=0)
    yield env
    env.close()


def test_a_string_that_is_an_actions_name_means_that_action(moves):
    assert [moves.step(word)[1] for word in ["5", "0", "-1"]] == [5.0, 0.0, -1.0]


def test_an_integer_string_that_is_no_name_and_an_int_are_the_action_itself(moves):
    assert moves.step("7")[1] == 2.0  # element 7 is the action named 2
    assert moves.step(5)[1] == 0.0


def test_names_and_unknown_words():
    env = swiftgym.make("corridor-v0", slip=0)
    assert env.reset(seed=0)[0] == 0
    assert env.step("right")[0] == 1
    with pytest.raises(swiftgym.InvalidAction, match="unknown action name 'rigth'; did you mean 'right'"):
        env.step("rigth")
    env.close()
