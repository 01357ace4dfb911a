"""A native vector of SwiftGym environments as a `gymnasium.vector.VectorEnv`: one call per batch."""
from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple, Union

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode
from gymnasium.vector.utils import batch_space

from . import _native, _options, _render, _spaces
from .env import RESET_OPTIONS

# The vector's reset options: the environment's, and Gymnasium's mask of the copies to reset.
VECTOR_RESET_OPTIONS = RESET_OPTIONS + ("reset_mask",)

_MODES = {AutoresetMode.NEXT_STEP: _native.NEXT_STEP, AutoresetMode.SAME_STEP: _native.SAME_STEP,
          AutoresetMode.DISABLED: _native.DISABLED}


class SwiftGymVectorEnv(gym.vector.VectorEnv):
    """`num_envs` copies stepped together in Swift (the batched path of the JSON kinds).

    Environment i is seeded with seed + i by `reset(seed=seed)`. The autoreset modes are Gymnasium's:
    next-step (the default), same-step (`info["final_obs"]` and `info["final_info"]` with their masks)
    and disabled (`options={"reset_mask": mask}`). With `copy=False`, observations, rewards and flags are
    views of buffers the next call overwrites. Errors are those of `SwiftGymEnv`: an invalid action of any
    copy raises `InvalidAction` naming the copy, and no copy moves; in disabled mode, stepping a copy
    whose episode ended raises `ResetNeeded`.

    >>> envs = SwiftGymVectorEnv("cartpole-v1", num_envs=8)
    >>> observations, infos = envs.reset(seed=0)
    >>> observations.shape
    (8, 4)
    """

    def __init__(self, env_id: str, num_envs: int = 1, autoreset_mode: Union[AutoresetMode, str] = AutoresetMode.NEXT_STEP,
                 copy: bool = True, threads: int = 0, max_episode_steps: Optional[int] = None, render_mode: Optional[str] = None,
                 **parameters: float) -> None:
        autoreset_mode = AutoresetMode(autoreset_mode)
        self.description = _native.describe(env_id, parameters)
        render_mode = _render.render_mode(render_mode, self.description["render_modes"], env_id)
        if max_episode_steps is not None and max_episode_steps != self.description["max_episode_steps"]:
            raise ValueError(f"{env_id} applies its own time limit of {self.description['max_episode_steps']} steps; "
                             f"set it in the file (max_episode_steps), got {max_episode_steps}")
        self.env_id = env_id
        self.num_envs = num_envs
        self.single_observation_space = _spaces.space(self.description["observation_space"])
        self.single_action_space = _spaces.space(self.description["action_space"])
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.metadata = {"autoreset_mode": autoreset_mode, "render_modes": list(self.description["render_modes"]), "render_fps": 30}
        self.render_mode = render_mode
        self.copy = copy
        shape, dtype = _spaces.observation_layout(self.single_observation_space)
        self._vector = _native.Vector(env_id, parameters, num_envs, _MODES[autoreset_mode], shape, dtype,
                                      *_spaces.action_layout(self.single_action_space), threads)
        self._mode = autoreset_mode

    def _results(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        v = self._vector
        take = (lambda a: a.copy()) if self.copy else (lambda a: a)
        observations = v.observations
        if observations.dtype != self.single_observation_space.dtype:  # MultiBinary's int8 (the C ABI writes int64)
            observations = observations.astype(self.single_observation_space.dtype)
        else:
            observations = take(observations)
        return observations, take(v.rewards), take(v.terminated), take(v.truncated)

    def _infos(self) -> Dict[str, Any]:
        infos = {}
        for i, info in enumerate(self._vector.infos() or []):
            if info:
                infos = self._add_info(infos, info, i)
        return infos

    def reset(self, *, seed: Union[int, Sequence[Optional[int]], None] = None,
              options: Optional[Dict[str, Any]] = None) -> Tuple[np.ndarray, Dict[str, Any]]:
        """Resets the copies. `seed`: an int from 0 to 2**64 - 1 (environment i gets seed + i, modulo
        2**64 as in Swift's `VectorEnvironment.reset(seed:)`), a list of such ints or Nones (one per
        environment), or None. `options`: `"initial_state"` (every reset copy starts there) and
        `"reset_mask"` (a bool array, the copies to reset); any other is refused (`InvalidArgument`).

        >>> envs = SwiftGymVectorEnv("cartpole-v1", num_envs=2, autoreset_mode="Disabled")
        >>> _ = envs.reset(seed=[1, None], options={"reset_mask": np.array([True, False])})
        """
        options = _options.checked(options, VECTOR_RESET_OPTIONS, self.env_id)
        single = isinstance(seed, (int, np.integer)) and not isinstance(seed, (bool, np.bool_))
        if single:
            seed = _native.seed_value(seed)
        super().reset(seed=seed if single else None)
        mask = options.pop("reset_mask", None)
        if mask is not None:
            mask = np.asarray(mask)
            if mask.shape != (self.num_envs,) or mask.dtype != np.bool_:
                raise ValueError(f"reset_mask must be a bool array of shape ({self.num_envs},), got {mask.dtype} {mask.shape}")
        else:
            mask = np.ones(self.num_envs, dtype=np.bool_)
        seeds = [(seed + i) % _native.SEED_LIMIT for i in range(self.num_envs)] if single else seed
        if seeds is not None and len(seeds) != self.num_envs:
            raise ValueError(f"reset needs {self.num_envs} seeds or one int, got {len(seeds)}")
        native_options = options  # what remains is the environment's
        if seeds is None:
            self._vector.reset(mask=mask, options=native_options)
        else:
            seeded = np.array([s is not None for s in seeds])
            values = [0 if s is None else s for s in seeds]
            if (mask & seeded).any():
                self._vector.reset(seeds=values, mask=mask & seeded, options=native_options)
            if (mask & ~seeded).any():
                self._vector.reset(mask=mask & ~seeded, options=native_options)
        observations, _, _, _ = self._results()
        return observations, self._infos()

    def step(self, actions: Any) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, Dict[str, Any]]:
        """Steps every copy with its action (an array of `num_envs` actions). Raises `InvalidAction`
        naming the first refused copy (no copy moves), or `ResetNeeded` in disabled mode."""
        buffer = self._vector.actions
        if type(actions) is np.ndarray and actions.dtype == buffer.dtype and actions.shape == buffer.shape:
            np.copyto(buffer, actions)  # already of the C ABI's type; Swift checks the values
        else:
            buffer[...] = _spaces.actions_array(self.single_action_space, actions, self.num_envs)
        has_infos = self._vector.step()
        observations, rewards, terminations, truncations = self._results()
        infos = self._infos() if has_infos else {}
        if self._mode == AutoresetMode.SAME_STEP:
            ended = terminations | truncations
            if ended.any():
                finals = np.empty(self.num_envs, dtype=object)
                for i in np.flatnonzero(ended):
                    finals[i] = self._vector.final_observations[i].astype(self.single_observation_space.dtype)  # a copy
                infos["final_obs"] = finals
                infos["_final_obs"] = ended.copy()
                infos["final_info"] = {}
                infos["_final_info"] = ended.copy()
        return observations, rewards, terminations, truncations, infos

    def render(self) -> Optional[Tuple[Union[str, np.ndarray, None], ...]]:
        """Every environment's text picture (render_mode "ansi") or RGB frame ("rgb_array"), or None."""
        if self.render_mode is None:
            return None
        return tuple(_render.rendered(self.render_mode, lambda: self._vector.render(i), lambda: self._vector.frame(i))
                     for i in range(self.num_envs))

    def close_extras(self, **kwargs: Any) -> None:
        self._vector.close()
