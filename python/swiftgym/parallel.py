"""A SwiftGym game whose players are all agents as a PettingZoo `ParallelEnv`."""
import json

import numpy as np

from . import _native, _render, _spaces

try:
    from pettingzoo import ParallelEnv
except ImportError as missing:  # PettingZoo is optional: only parallel_env needs it
    ParallelEnv = None
    _MISSING = missing


class SwiftGymParallelEnv(ParallelEnv if ParallelEnv is not None else object):
    """A game (a JSON matrix game with `players`, a Gambit .nfg file) behind PettingZoo's parallel API.

    `possible_agents` never changes; `agents` are the live ones. `observation_space(agent)` and
    `action_space(agent)` return the same object on every call. `step` takes one action per live agent:
    a missing, unknown or invalid one raises `SwiftGymError` naming the agent, and nothing moves; an
    action of the wrong dtype or shape raises TypeError or ValueError naming the agent. Rewards are
    floats and the flags bools; an episode ends by truncation after the game's rounds. `reset` accepts
    `options` for the API's sake; games have none to honour.
    """

    # Every mode some SwiftGym game has; each instance's metadata lists its own game's.
    metadata = {"render_modes": list(_render.RENDER_MODES), "render_fps": 2, "is_parallelizable": True}

    def __init__(self, env_id, render_mode=None, **parameters):
        if ParallelEnv is None:
            raise ImportError("swiftgym.parallel_env needs PettingZoo (pip install pettingzoo)") from _MISSING
        self._game = _native.Game(env_id, parameters)
        self.description = self._game.describe()
        self.metadata = dict(self.metadata, name=self.description["id"], render_modes=list(self.description["render_modes"]))
        self.render_mode = _render.render_mode(render_mode, self.metadata["render_modes"], self.description["id"])
        self.possible_agents = list(self.description["possible_agents"])
        self.agents = []
        self._observation_spaces = {a: _spaces.space(s) for a, s in self.description["observation_spaces"].items()}
        self._action_spaces = {a: _spaces.space(s) for a, s in self.description["action_spaces"].items()}

    def observation_space(self, agent):
        return self._observation_spaces[agent]

    def action_space(self, agent):
        return self._action_spaces[agent]

    def _observations(self, observations):
        result = {}
        for agent, value in observations.items():
            space = self._observation_spaces[agent]
            result[agent] = int(value) if np.isscalar(value) else np.asarray(value, dtype=space.dtype)
        return result

    def reset(self, seed=None, options=None):
        # A matrix game starts every episode the same way, so there is nothing for options to choose;
        # PettingZoo's API test passes some, and other parallel environments ignore theirs too.
        reply = self._game.reset(seed)
        self.agents = list(reply["agents"])
        return self._observations(reply["observations"]), reply["infos"]

    def _action(self, agent, action):
        space = self._action_spaces.get(agent)
        if space is None:  # unknown agents are reported by SwiftGym, with the others
            return 0
        try:
            array = _spaces.actions_array(space, action, 1)[0]
        except (TypeError, ValueError) as wrong:
            raise type(wrong)(f"agent '{agent}': {wrong}") from None
        return int(array) if array.ndim == 0 else array.tolist()

    def step(self, actions):
        if not isinstance(actions, dict):
            raise TypeError(f"step takes a dict with one action per live agent, got {type(actions).__name__}")
        reply = self._game.step({agent: self._action(agent, action) for agent, action in actions.items()})
        self.agents = list(reply["agents"])
        return (self._observations(reply["observations"]), {a: float(r) for a, r in reply["rewards"].items()},
                {a: bool(t) for a, t in reply["terminations"].items()}, {a: bool(t) for a, t in reply["truncations"].items()},
                reply["infos"])

    def render(self):
        return _render.rendered(self.render_mode, self._game.render, self._game.frame)

    def close(self):
        self._game.close()
