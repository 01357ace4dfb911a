"""A SwiftGym game whose players are all agents as a PettingZoo `ParallelEnv`."""
from __future__ import annotations

import warnings
from typing import Any, Dict, Optional, Tuple, Union

import numpy as np
from gymnasium import spaces

from . import _render, _spaces
from ._game import Game

try:
    from pettingzoo import ParallelEnv
except ImportError as missing:  # PettingZoo is optional: only parallel_env needs it
    ParallelEnv = None
    _MISSING = missing


class SwiftGymParallelEnv(ParallelEnv if ParallelEnv is not None else object):
    """A game (a JSON matrix game with `players`, a Gambit .nfg file) behind PettingZoo's parallel API.

    `possible_agents` never changes; `agents` are the live ones. `observation_space(agent)` and
    `action_space(agent)` return the same object on every call. `step` takes one action per live agent:
    a missing, unknown or invalid one raises `InvalidAction` (`gymnasium.error.InvalidAction`) naming
    the agent, and nothing moves; an action of the wrong dtype or shape raises TypeError or ValueError
    naming the agent. Rewards are floats and the flags bools; an episode ends by truncation after the
    game's rounds. A game has no reset options: `reset` takes `options` for the API's sake and warns
    (UserWarning) naming any it is given, since it cannot honour them. Calls after `close()` raise
    `ClosedEnvironmentError`.

    >>> game = SwiftGymParallelEnv("rock-paper-scissors-v2")
    >>> observations, infos = game.reset(seed=0)
    >>> _ = game.step({agent: 0 for agent in game.agents})
    """

    # Every mode some SwiftGym game has; each instance's metadata lists its own game's.
    metadata = {"render_modes": list(_render.RENDER_MODES), "render_fps": 2, "is_parallelizable": True}

    def __init__(self, env_id: str, render_mode: Optional[str] = None, **parameters: float) -> None:
        if ParallelEnv is None:
            raise ImportError("swiftgym.parallel_env needs PettingZoo (pip install pettingzoo)") from _MISSING
        self._game = Game(env_id, parameters)
        self.description = self._game.describe()
        self.metadata = dict(self.metadata, name=self.description["id"], render_modes=list(self.description["render_modes"]))
        self.render_mode = _render.render_mode(render_mode, self.metadata["render_modes"], self.description["id"])
        self.possible_agents = list(self.description["possible_agents"])
        self.agents = []
        self._observation_spaces = {a: _spaces.space(s) for a, s in self.description["observation_spaces"].items()}
        self._action_spaces = {a: _spaces.space(s) for a, s in self.description["action_spaces"].items()}

    def observation_space(self, agent: str) -> spaces.Space:
        return self._observation_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space:
        return self._action_spaces[agent]

    def _observations(self, observations: Dict[str, Any]) -> Dict[str, Any]:
        result = {}
        for agent, value in observations.items():
            space = self._observation_spaces[agent]
            result[agent] = int(value) if np.isscalar(value) else np.asarray(value, dtype=space.dtype)
        return result

    def reset(self, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        """Starts an episode; `seed` as `SwiftGymEnv.reset`'s."""
        if options:
            # A matrix game starts every episode the same way, so there is nothing for options to choose.
            # They are named, not refused: PettingZoo's API test passes some ({"options": 1}).
            names = ", ".join(repr(name) for name in options)
            warnings.warn(f"{self.description['id']} has no reset options; ignored {names}", stacklevel=2)
        reply = self._game.reset(seed)
        self.agents = list(reply["agents"])
        return self._observations(reply["observations"]), reply["infos"]

    def _action(self, agent: str, action: Any) -> Any:
        space = self._action_spaces.get(agent)
        if space is None:  # unknown agents are reported by SwiftGym, with the others
            return 0
        try:
            array = _spaces.actions_array(space, action, 1)[0]
        except (TypeError, ValueError) as wrong:
            raise type(wrong)(f"agent '{agent}': {wrong}") from None
        return int(array) if array.ndim == 0 else array.tolist()

    def step(self, actions: Dict[str, Any]) -> Tuple[Dict[str, Any], Dict[str, float], Dict[str, bool], Dict[str, bool], Dict[str, Any]]:
        """One round: `actions` holds one action per live agent. Raises `InvalidAction` naming the agent."""
        if not isinstance(actions, dict):
            raise TypeError(f"step takes a dict with one action per live agent, got {type(actions).__name__}")
        reply = self._game.step({agent: self._action(agent, action) for agent, action in actions.items()})
        self.agents = list(reply["agents"])
        return (self._observations(reply["observations"]), {a: float(r) for a, r in reply["rewards"].items()},
                {a: bool(t) for a, t in reply["terminations"].items()}, {a: bool(t) for a, t in reply["truncations"].items()},
                reply["infos"])

    def render(self) -> Union[str, np.ndarray, None]:
        return _render.rendered(self.render_mode, self._game.render, self._game.frame)

    def close(self) -> None:
        self._game.close()
