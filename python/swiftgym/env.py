"""A SwiftGym environment as a `gymnasium.Env`: the native vector path with one copy."""
from __future__ import annotations

from typing import Any, Dict, Optional, Tuple, Union

import gymnasium as gym
import numpy as np

from . import _native, _options, _render, _spaces

# The reset options a SwiftGym environment understands; any other is refused by name.
RESET_OPTIONS = ("initial_state",)


class SwiftGymEnv(gym.Env):
    """One SwiftGym environment (an id, a JSON MDP file or a plugin's id) behind Gymnasium's API.

    The environment enforces its own time limit (`max_episode_steps` of its file) and the call order:
    stepping after the episode ended raises `ResetNeeded` (`gymnasium.error.ResetNeeded`) until `reset`,
    an action outside the space `InvalidAction`, any call after `close()` `ClosedEnvironmentError`, and
    an unknown id `NameNotFound`: Gymnasium's classes, each also a `SwiftGymError`. Observations are
    float32 arrays for a Box, ints for a Discrete, int64 arrays for MultiDiscrete and MultiBinary; rewards
    are floats and the flags bools. `reset(options={"initial_state": ...})` starts from a given state; any
    other option is refused (`InvalidArgument`, naming it). A discrete action may also be given as a
    string, read as `gym rollout --actions` reads a word: an action's name means that action, even when it
    is a number too (`step("-1")` with actions named "-5" ... "5"), and any other integer is the action
    itself. `render_mode="ansi"` gives text pictures, `"rgb_array"` (height,
    width, 3) uint8 frames of the environment's picture, which `gymnasium.wrappers.RecordVideo` records;
    `metadata["render_modes"]` lists the modes this environment has (`corridor-v0` draws no picture, a
    plugin renders nothing), and asking for another raises ValueError.

    >>> env = SwiftGymEnv("corridor-v0", render_mode="ansi")
    >>> env.metadata["render_modes"]
    ['ansi']
    """

    # Every mode some SwiftGym environment has (Gymnasium's make checks a render_mode against the class);
    # each instance's metadata lists its own environment's.
    metadata = {"render_modes": list(_render.RENDER_MODES), "render_fps": 30}

    def __init__(self, env_id: str, render_mode: Optional[str] = None, **parameters: float) -> None:
        self.description = _native.describe(env_id, parameters)
        self.metadata = dict(self.metadata, render_modes=list(self.description["render_modes"]))
        self.render_mode = _render.render_mode(render_mode, self.metadata["render_modes"], env_id)
        self.env_id = env_id
        self.observation_space = _spaces.space(self.description["observation_space"])
        self.action_space = _spaces.space(self.description["action_space"])
        shape, dtype = _spaces.observation_layout(self.observation_space)
        self._vector = _native.Vector(env_id, parameters, 1, _native.DISABLED, shape, dtype, *_spaces.action_layout(self.action_space))
        self._discrete = isinstance(self.observation_space, gym.spaces.Discrete)
        self._discrete_actions = isinstance(self.action_space, gym.spaces.Discrete)

    def _observation(self) -> Union[int, np.ndarray]:
        observation = self._vector.observations[0]
        return int(observation) if self._discrete else observation.astype(self.observation_space.dtype)  # a copy

    def reset(self, *, seed: Optional[int] = None, options: Optional[Dict[str, Any]] = None) -> Tuple[Any, Dict[str, Any]]:
        """Starts an episode. `seed`: an integer from 0 to 2**64 - 1 (all 64 bits reach Swift's
        generator), or None. `options`: `{"initial_state": state}` or nothing.

        >>> env = swiftgym.make("cartpole-v1")
        >>> observation, info = env.reset(seed=0, options={"initial_state": [0.5, 0, 0, 0]})
        >>> float(observation[0])
        0.5
        """
        native_options = _options.checked(options, RESET_OPTIONS, self.env_id)
        seed = None if seed is None else _native.seed_value(seed)
        super().reset(seed=seed)  # the checker wants np_random to follow the seed; the draws are Swift's
        self._vector.reset(seeds=None if seed is None else [seed], options=native_options)
        infos = self._vector.infos()
        return self._observation(), infos[0] if infos else {}

    def step(self, action: Any) -> Tuple[Any, float, bool, bool, Dict[str, Any]]:
        """One step. `action` is an element of the action space, or for a Discrete one its name or an
        integer written as text. Raises `InvalidAction` (nothing moved) or `ResetNeeded`.

        >>> env = swiftgym.make("frozen-lake-4x4-v1")
        >>> _ = env.reset(seed=0)
        >>> observation, reward, terminated, truncated, info = env.step("right")
        """
        if self._discrete_actions and type(action) in (int, np.int64):  # the usual discrete action, checked in Swift
            self._vector.actions[0] = action
        elif isinstance(action, str):  # a name or an integer written as text, read by SwiftGym's rule
            self._vector.actions[0] = self._vector.action_from_text(action)
        else:
            self._vector.actions[...] = _spaces.actions_array(self.action_space, action, 1)
        has_infos = self._vector.step()
        info = self._vector.infos()[0] if has_infos else {}
        return (self._observation(), float(self._vector.rewards[0]), bool(self._vector.terminated[0]),
                bool(self._vector.truncated[0]), info)

    def render(self) -> Union[str, np.ndarray, None]:
        """The text picture (render_mode "ansi") or the RGB frame ("rgb_array") of the current state."""
        return _render.rendered(self.render_mode, lambda: self._vector.render(0), lambda: self._vector.frame(0))

    def close(self) -> None:
        """Releases the native environment; closing twice is fine, any other call after it raises
        `ClosedEnvironmentError`."""
        self._vector.close()
