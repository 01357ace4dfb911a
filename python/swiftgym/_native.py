"""The C ABI of libSwiftGymC.so (Specs/c-abi.md), loaded with ctypes: one call per batch."""
from __future__ import annotations

import ctypes
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Union

import numpy as np

from ._errors import ClosedEnvironmentError, SwiftGymError, from_code

_HERE = os.path.dirname(os.path.abspath(__file__))
_REPOSITORY = os.path.dirname(os.path.dirname(_HERE))

NEXT_STEP, SAME_STEP, DISABLED = 0, 1, 2


def _candidates():
    if os.environ.get("SWIFTGYM_LIBRARY"):  # an explicit choice: nothing else is tried
        yield os.environ["SWIFTGYM_LIBRARY"], os.path.join(_REPOSITORY, "Environments")
        return
    yield os.path.join(_HERE, "lib", "libSwiftGymC.so"), os.path.join(_HERE, "environments")
    yield os.path.join(_REPOSITORY, ".build", "release", "libSwiftGymC.so"), os.path.join(_REPOSITORY, "Environments")


def _load():
    tried = []
    for path, environments in _candidates():
        if not os.path.exists(path):
            tried.append(f"{path} (not there)")
            continue
        if environments and os.path.isdir(environments):
            # The shipped environments, where the library's own search (up from the program) may not look.
            os.environ["GYM_PATH"] = ":".join(p for p in [os.environ.get("GYM_PATH", ""), environments] if p)
        try:
            return ctypes.CDLL(path)
        except OSError as error:
            tried.append(f"{path} ({error})")
    raise ImportError("swiftgym could not load libSwiftGymC.so; tried: " + "; ".join(tried)
                      + ". Build it with `swift build -c release` at the SwiftGym repository root, "
                      "or set SWIFTGYM_LIBRARY to its path.")


_lib = _load()
if not hasattr(_lib, "sg_last_error_code"):  # a library built before the error codes
    raise ImportError(f"{_lib._name} predates sg_last_error_code; rebuild it with `swift build -c release --product SwiftGymC`")
_c = ctypes
_lib.sg_abi_version.restype = _c.c_int32
_lib.sg_last_error.restype = _c.c_char_p
_lib.sg_last_error_code.restype = _c.c_int32
_lib.sg_free.argtypes = [_c.c_void_p]
_lib.sg_load_plugin.argtypes = [_c.c_char_p]
_lib.sg_load_plugin.restype = _c.c_int32
_lib.sg_load_plugin_isolated.argtypes = [_c.c_char_p, _c.c_double]
_lib.sg_load_plugin_isolated.restype = _c.c_int32
_lib.sg_ids.restype = _c.c_void_p
_lib.sg_describe.argtypes = [_c.c_char_p, _c.c_char_p]
_lib.sg_describe.restype = _c.c_void_p
_lib.sg_vector_create.argtypes = [_c.c_char_p, _c.c_char_p, _c.c_int64, _c.c_int32, _c.c_int32]
_lib.sg_vector_create.restype = _c.c_void_p
_lib.sg_vector_bind.argtypes = [_c.c_void_p] * 6
_lib.sg_vector_bind.restype = _c.c_int32
_lib.sg_vector_reset.argtypes = [_c.c_void_p, _c.c_void_p, _c.c_void_p, _c.c_char_p]
_lib.sg_vector_reset.restype = _c.c_int32
_lib.sg_vector_step.argtypes = [_c.c_void_p, _c.c_void_p]
_lib.sg_vector_step.restype = _c.c_int32
_lib.sg_vector_action_from_text.argtypes = [_c.c_void_p, _c.c_char_p, _c.c_void_p]
_lib.sg_vector_action_from_text.restype = _c.c_int32
_lib.sg_vector_infos.argtypes = [_c.c_void_p]
_lib.sg_vector_infos.restype = _c.c_void_p
_lib.sg_vector_render.argtypes = [_c.c_void_p, _c.c_int64]
_lib.sg_vector_render.restype = _c.c_void_p
_lib.sg_vector_frame_shape.argtypes = [_c.c_void_p, _c.c_int64, _c.c_void_p]
_lib.sg_vector_frame_shape.restype = _c.c_int32
_lib.sg_vector_frame.argtypes = [_c.c_void_p, _c.c_int64, _c.c_void_p, _c.c_int64]
_lib.sg_vector_frame.restype = _c.c_int32
_lib.sg_game_frame_shape.argtypes = [_c.c_void_p, _c.c_void_p]
_lib.sg_game_frame_shape.restype = _c.c_int32
_lib.sg_game_frame.argtypes = [_c.c_void_p, _c.c_void_p, _c.c_int64]
_lib.sg_game_frame.restype = _c.c_int32
_lib.sg_vector_has_infos.argtypes = [_c.c_void_p]
_lib.sg_vector_has_infos.restype = _c.c_int32
_lib.sg_vector_destroy.argtypes = [_c.c_void_p]
_lib.sg_game_ids.restype = _c.c_void_p
_lib.sg_game_create.argtypes = [_c.c_char_p, _c.c_char_p]
_lib.sg_game_create.restype = _c.c_void_p
for _name in ["sg_game_describe", "sg_game_render"]:
    getattr(_lib, _name).argtypes = [_c.c_void_p]
    getattr(_lib, _name).restype = _c.c_void_p
_lib.sg_game_reset.argtypes = [_c.c_void_p, _c.c_int32, _c.c_uint64]
_lib.sg_game_reset.restype = _c.c_void_p
_lib.sg_game_step.argtypes = [_c.c_void_p, _c.c_char_p]
_lib.sg_game_step.restype = _c.c_void_p
_lib.sg_game_destroy.argtypes = [_c.c_void_p]

if _lib.sg_abi_version() != 1:
    raise ImportError(f"libSwiftGymC.so speaks C ABI version {_lib.sg_abi_version()}; this package needs version 1")


SEED_LIMIT = 2**64


def seed_value(seed: Union[int, np.integer]) -> int:
    """`seed` as the Python int the C ABI's uint64_t takes: every integer from 0 to 2**64 - 1, numpy's
    too, kept exactly (never through a float).

    >>> seed_value(2**63 + 5)
    9223372036854775813
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"a seed is an integer from 0 to 2**64 - 1, got {type(seed).__name__} {seed!r}")
    value = int(seed)
    if not 0 <= value < SEED_LIMIT:
        raise ValueError(f"a seed is an integer from 0 to 2**64 - 1 (64 bits), got {value}")
    return value


def _error() -> SwiftGymError:
    """The exception for this thread's last failure: its class from the code, never from the message."""
    return from_code(_lib.sg_last_error_code(), _lib.sg_last_error().decode())


def _text(pointer):
    """A string the library returned, released."""
    if not pointer:
        raise _error()
    try:
        return ctypes.string_at(pointer).decode()
    finally:
        _lib.sg_free(pointer)


def _json(value):
    return None if value is None else json.dumps(value).encode()


def _frame(shape_call, frame_call, *handle):
    """An RGB frame as a (height, width, 3) uint8 array, or None when nothing is drawn."""
    shape = np.zeros(2, dtype=np.int64)
    found = shape_call(*handle, shape.ctypes.data)
    if found < 0:
        raise _error()
    if found == 0:
        return None
    frame = np.empty((int(shape[0]), int(shape[1]), 3), dtype=np.uint8)
    if frame_call(*handle, frame.ctypes.data, frame.nbytes) != 0:
        raise _error()
    return frame


def ids() -> List[str]:
    """Every registered single-agent SwiftGym id: the shipped files, `GYM_PATH`'s, loaded plugins'.

    >>> "cartpole-v1" in swiftgym.ids()
    True
    """
    return json.loads(_text(_lib.sg_ids()))


def game_ids() -> List[str]:
    """Every registered game whose players are all agents (for `parallel_env`).

    >>> "rock-paper-scissors-v2" in swiftgym.game_ids()
    True
    """
    return json.loads(_text(_lib.sg_game_ids()))


def describe(env_id: str, parameters: Optional[Mapping[str, float]] = None) -> Dict[str, Any]:
    """The environment's description (Specs/c-abi.md, `sg_describe`): spaces, time limit, action
    names, render modes, and a known tabular model's transitions. Raises `NameNotFound` for an unknown
    id, `InvalidFile` for a broken file, `InvalidArgument` for an unknown parameter.

    >>> swiftgym.describe("cartpole-v1")["max_episode_steps"]
    500
    """
    return json.loads(_text(_lib.sg_describe(env_id.encode(), _json(parameters or None))))


def load_plugin(path: Union[str, "os.PathLike[str]"], isolate: bool = False, timeout: Optional[float] = None) -> None:
    """Loads a plugin library; its environments join the registry.

    With ``isolate=True`` each of its environments runs in a supervised child process (``gym
    plugin-host``): a plugin that crashes, aborts, exits or hangs raises ``PluginFailure`` naming the
    plugin, the call and the signal, and Python goes on. ``timeout`` bounds one plugin call, in seconds
    (default 10; only with ``isolate``). Loading a file again the same way changes nothing; loading it
    the other way raises ``PluginFailure``.

    >>> swiftgym.load_plugin(".build/release/libSwiftRandomWalkPlugin.so", isolate=True, timeout=5)
    """
    if timeout is not None and not isolate:
        raise ValueError("timeout applies to isolated plugins; pass isolate=True")
    if isolate:
        seconds = 0.0 if timeout is None else float(timeout)
        if not seconds > 0 and timeout is not None:
            raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
        status = _lib.sg_load_plugin_isolated(os.fspath(path).encode(), seconds)
    else:
        status = _lib.sg_load_plugin(os.fspath(path).encode())
    if status != 0:
        raise _error()


class Vector:
    """A native vector of `count` copies with its results in numpy arrays it owns (bound once)."""

    def __init__(self, env_id, parameters, count, autoreset, observation_shape, observation_dtype, action_shape, action_dtype,
                 threads=0):
        handle = _lib.sg_vector_create(env_id.encode(), _json(parameters or None), count, autoreset, threads)
        if not handle:
            raise _error()
        self._handle = handle
        self.count = count
        self.observations = np.zeros((count, *observation_shape), dtype=observation_dtype)
        self.final_observations = np.zeros_like(self.observations)
        self.rewards = np.zeros(count, dtype=np.float64)
        self.terminated = np.zeros(count, dtype=np.bool_)
        self.truncated = np.zeros(count, dtype=np.bool_)
        # The actions of the next step, in the C ABI's type; its address is taken once (reading an array's
        # address costs about 2 µs a call).
        self.actions = np.zeros((count, *action_shape), dtype=action_dtype)
        self._actions_address = self.actions.ctypes.data
        self._check(_lib.sg_vector_bind(handle, self.observations.ctypes.data, self.rewards.ctypes.data,
                                        self.terminated.ctypes.data, self.truncated.ctypes.data, self.final_observations.ctypes.data))

    def _check(self, status):
        if status < 0:
            raise _error()
        return status

    @property
    def closed(self):
        return self._handle is None

    def _live(self):
        if self._handle is None:
            raise ClosedEnvironmentError("the environment is closed")
        return self._handle

    def reset(self, seeds=None, mask=None, options=None):
        handle = self._live()
        seed_array = None if seeds is None else np.array([seed_value(s) for s in seeds], dtype=np.uint64)
        mask_array = None if mask is None else np.ascontiguousarray(mask, dtype=np.uint8)
        self._check(_lib.sg_vector_reset(handle, None if seed_array is None else seed_array.ctypes.data,
                                         None if mask_array is None else mask_array.ctypes.data, _json(options or None)))

    def step(self):
        """Steps every copy with `self.actions`. True when some copy has an info (`infos()`)."""
        return self._check(_lib.sg_vector_step(self._live(), self._actions_address)) == 1

    def action_from_text(self, text):
        """The Discrete action written as `text`: an action's name, else an integer (a name wins, as in
        `gym rollout --actions`). Raises SwiftGymError for a word that is neither."""
        action = np.zeros(1, dtype=np.int64)
        self._check(_lib.sg_vector_action_from_text(self._live(), text.encode(), action.ctypes.data))
        return int(action[0])

    def infos(self):
        """Each copy's info of the last call (a list of dicts); None when all are empty."""
        handle = self._live()
        return json.loads(_text(_lib.sg_vector_infos(handle))) if _lib.sg_vector_has_infos(handle) else None

    def render(self, copy):
        """Copy `copy`'s text picture ("" when its environment has none)."""
        return _text(_lib.sg_vector_render(self._live(), copy))

    def frame(self, copy):
        """Copy `copy`'s RGB frame, a (height, width, 3) uint8 array; None when its environment draws none."""
        return _frame(_lib.sg_vector_frame_shape, _lib.sg_vector_frame, self._live(), copy)

    def close(self):
        if self._handle is not None:
            _lib.sg_vector_destroy(self._handle)
            self._handle = None

    def __del__(self):
        self.close()

