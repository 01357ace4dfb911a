"""SwiftGym from Python: SwiftGym's environments (JSON MDPs, compiled dynamics, plugins) as Gymnasium
environments and native vector environments.

    import gymnasium, swiftgym
    env = gymnasium.make("SwiftGym/frozen-lake-8x8-v1")
    envs = swiftgym.make_vec("cartpole-v1", 64)       # or gymnasium.make_vec("SwiftGym/cartpole-v1", 64)
    game = swiftgym.parallel_env("rock-paper-scissors-v2")   # a PettingZoo ParallelEnv (needs pettingzoo)

Importing this package registers every SwiftGym id with Gymnasium as "SwiftGym/<id>". It imports
neither Stable-Baselines3 nor torch.
"""
import gymnasium

from ._native import SwiftGymError, describe, game_ids, ids, load_plugin
from .env import SwiftGymEnv
from .vector import SwiftGymVectorEnv

__all__ = ["SwiftGymEnv", "SwiftGymVectorEnv", "SwiftGymError", "make", "make_vec", "parallel_env", "ids", "game_ids", "describe",
           "load_plugin", "register_all"]


def make(env_id, **parameters):
    """A `gymnasium.Env` for a SwiftGym id or a JSON MDP file, with parameter overrides."""
    return SwiftGymEnv(env_id, **parameters)


def make_vec(env_id, num_envs, autoreset_mode=gymnasium.vector.AutoresetMode.NEXT_STEP, **kwargs):
    """A `gymnasium.vector.VectorEnv` of `num_envs` copies stepped together in Swift."""
    return SwiftGymVectorEnv(env_id, num_envs=num_envs, autoreset_mode=autoreset_mode, **kwargs)


def parallel_env(env_id, render_mode=None, **parameters):
    """A PettingZoo `ParallelEnv` for a SwiftGym game whose players are all agents (needs PettingZoo)."""
    from .parallel import SwiftGymParallelEnv
    return SwiftGymParallelEnv(env_id, render_mode=render_mode, **parameters)


def register_all():
    """Registers every SwiftGym id (and a loaded plugin's) with Gymnasium as "SwiftGym/<id>"."""
    for env_id in ids():
        name = f"SwiftGym/{env_id}"
        if name in gymnasium.registry:
            continue
        gymnasium.register(name, entry_point="swiftgym.env:SwiftGymEnv", vector_entry_point="swiftgym.vector:SwiftGymVectorEnv",
                           kwargs={"env_id": env_id}, disable_env_checker=False)


register_all()
