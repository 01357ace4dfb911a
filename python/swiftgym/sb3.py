"""A Stable-Baselines3 `VecEnv` over swiftgym's native vector: `SwiftGymVecEnv("cartpole-v1", 8)`.

SB3 is imported here only (`import swiftgym` does not import it). SB3 does not take a Gymnasium
`VectorEnv`, so this subclasses SB3's `VecEnv` directly. The native vector resets copies in the step that
ends their episode (same-step mode); each such copy's info carries its final observation as
`terminal_observation` and `TimeLimit.truncated` (truncated and not terminated), so that PPO bootstraps
from the value of the final state at a time limit.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Type, Union

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode
from stable_baselines3.common.vec_env.base_vec_env import VecEnv

from .vector import SwiftGymVectorEnv


class SwiftGymVecEnv(VecEnv):
    """`num_envs` native copies of a SwiftGym environment as an SB3 `VecEnv`; `seed` seeds the first reset.

    >>> from stable_baselines3 import PPO
    >>> model = PPO("MlpPolicy", SwiftGymVecEnv("cartpole-v1", 8, seed=0)).learn(10_000)
    """

    def __init__(self, env_id: str, num_envs: int, seed: Optional[int] = None, **parameters: float) -> None:
        # The native vector exists before VecEnv.__init__, which asks for attributes (render_mode).
        self.vector = SwiftGymVectorEnv(env_id, num_envs=num_envs, autoreset_mode=AutoresetMode.SAME_STEP, **parameters)
        self._seed = seed
        self._actions = None
        self.render_mode = None
        super().__init__(num_envs, self.vector.single_observation_space, self.vector.single_action_space)

    def reset(self) -> np.ndarray:
        seed = self._seed
        self._seed = None  # SB3's convention: a seed applies to the next reset only
        observations, _ = self.vector.reset(seed=seed)
        self.reset_infos = [{} for _ in range(self.num_envs)]
        return observations

    def seed(self, seed: Optional[int] = None) -> List[Optional[int]]:
        self._seed = seed
        return [None if seed is None else seed + i for i in range(self.num_envs)]

    def step_async(self, actions: np.ndarray) -> None:
        self._actions = actions

    def step_wait(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray, List[Dict[str, Any]]]:
        actions = np.asarray(self._actions)
        if actions.ndim == 2 and actions.shape[1] == 1 and self.vector.single_action_space.shape == ():
            actions = actions[:, 0]  # SB3 hands discrete actions as a column
        observations, rewards, terminated, truncated, infos = self.vector.step(actions)
        dones = terminated | truncated
        step_infos = [{} for _ in range(self.num_envs)]
        for i in np.flatnonzero(dones):
            step_infos[i]["terminal_observation"] = infos["final_obs"][i]
            step_infos[i]["TimeLimit.truncated"] = bool(truncated[i] and not terminated[i])
        return observations, rewards.astype(np.float32), dones, step_infos

    def close(self) -> None:
        self.vector.close()

    def get_attr(self, attr_name: str, indices: Union[None, int, Sequence[int]] = None) -> List[Any]:
        return [getattr(self, attr_name, None) for _ in self._get_indices(indices)]

    def set_attr(self, attr_name: str, value: Any, indices: Union[None, int, Sequence[int]] = None) -> None:
        setattr(self, attr_name, value)

    def env_method(self, method_name: str, *method_args: Any, indices: Union[None, int, Sequence[int]] = None, **method_kwargs: Any) -> List[Any]:
        raise NotImplementedError(f"the copies of a native vector have no method {method_name!r} of their own")

    def env_is_wrapped(self, wrapper_class: Type[gym.Wrapper], indices: Union[None, int, Sequence[int]] = None) -> List[bool]:
        return [False for _ in self._get_indices(indices)]

    def get_images(self) -> List[Optional[np.ndarray]]:
        return [None for _ in range(self.num_envs)]
