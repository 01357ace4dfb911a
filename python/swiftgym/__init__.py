"""SwiftGym from Python: SwiftGym's environments (JSON MDPs, compiled dynamics, plugins) as Gymnasium
environments and native vector environments.

    import gymnasium, swiftgym
    env = gymnasium.make("SwiftGym/frozen-lake-8x8-v1")
    envs = swiftgym.make_vec("cartpole-v1", 64)       # or gymnasium.make_vec("SwiftGym/cartpole-v1", 64)
    game = swiftgym.parallel_env("rock-paper-scissors-v2")   # a PettingZoo ParallelEnv (needs pettingzoo)

Importing this package registers every SwiftGym id with Gymnasium as "SwiftGym/<id>". It imports
neither Stable-Baselines3 nor torch.

Failures raise `SwiftGymError`s; where Gymnasium has a class for one, the error is also that class:
`NameNotFound` (an unknown id), `InvalidAction`, `ResetNeeded` and `ClosedEnvironmentError`, from
`gymnasium.error`. `InvalidArgument` is also a ValueError.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Union

import gymnasium

from ._errors import (ClosedEnvironmentError, EnvironmentFailure, ErrorCode, InvalidAction, InvalidArgument, InvalidFile, NameNotFound,
                      PluginFailure, ResetNeeded, SwiftGymError)
from ._native import describe, game_ids, ids, load_plugin
from .env import SwiftGymEnv
from .vector import SwiftGymVectorEnv

if TYPE_CHECKING:
    from .parallel import SwiftGymParallelEnv

__all__ = ["SwiftGymEnv", "SwiftGymVectorEnv", "make", "make_vec", "parallel_env", "ids", "game_ids", "describe", "load_plugin",
           "register_all", "SwiftGymError", "ErrorCode", "NameNotFound", "InvalidArgument", "InvalidAction", "ResetNeeded",
           "ClosedEnvironmentError", "InvalidFile", "PluginFailure", "EnvironmentFailure"]


def make(env_id: str, **parameters: float) -> SwiftGymEnv:
    """A `gymnasium.Env` for a SwiftGym id or a JSON MDP file, with parameter overrides. Raises
    `NameNotFound` for an unknown id, `InvalidFile` for a broken file, `InvalidArgument` for an unknown
    parameter.

    >>> env = swiftgym.make("frozen-lake-4x4-v1", render_mode="ansi")
    >>> observation, info = env.reset(seed=0)
    >>> observation
    0
    """
    return SwiftGymEnv(env_id, **parameters)


def make_vec(env_id: str, num_envs: int, autoreset_mode: Union[gymnasium.vector.AutoresetMode, str] = gymnasium.vector.AutoresetMode.NEXT_STEP,
             **kwargs: object) -> SwiftGymVectorEnv:
    """A `gymnasium.vector.VectorEnv` of `num_envs` copies stepped together in Swift.

    >>> envs = swiftgym.make_vec("cartpole-v1", 64)
    >>> observations, infos = envs.reset(seed=0)
    >>> observations.shape
    (64, 4)
    """
    return SwiftGymVectorEnv(env_id, num_envs=num_envs, autoreset_mode=autoreset_mode, **kwargs)


def parallel_env(env_id: str, render_mode: Union[str, None] = None, **parameters: float) -> "SwiftGymParallelEnv":
    """A PettingZoo `ParallelEnv` for a SwiftGym game whose players are all agents (needs PettingZoo).

    >>> game = swiftgym.parallel_env("rock-paper-scissors-v2")
    >>> game.possible_agents
    ['player_0', 'player_1']
    """
    from .parallel import SwiftGymParallelEnv
    return SwiftGymParallelEnv(env_id, render_mode=render_mode, **parameters)


def register_all() -> None:
    """Registers every SwiftGym id (and a loaded plugin's) with Gymnasium as "SwiftGym/<id>"; ids
    registered before are left as they are. Importing the package calls it; call it again after
    `load_plugin`.

    >>> swiftgym.load_plugin("libmyplugin.so")
    >>> swiftgym.register_all()
    >>> env = gymnasium.make("SwiftGym/my-plugin-env-v1")
    """
    for env_id in ids():
        name = f"SwiftGym/{env_id}"
        if name in gymnasium.registry:
            continue
        gymnasium.register(name, entry_point="swiftgym.env:SwiftGymEnv", vector_entry_point="swiftgym.vector:SwiftGymVectorEnv",
                           kwargs={"env_id": env_id}, disable_env_checker=False)


register_all()
