"""A native game whose players are all agents, over the C ABI's sg_game functions (Specs/c-abi.md, "Games")."""
from __future__ import annotations

import json
import os
from typing import Any, Dict, Mapping, Optional, Union

import numpy as np

from ._errors import ClosedEnvironmentError
from ._native import _error, _frame, _json, _lib, _text, seed_value


class Game:
    """A native game whose players are all agents; every call exchanges JSON keyed by agent."""

    def __init__(self, env_id: Union[str, "os.PathLike[str]"], parameters: Optional[Mapping[str, float]]) -> None:
        self._handle = None
        handle = _lib.sg_game_create(os.fspath(env_id).encode(), _json(parameters or None))
        if not handle:
            raise _error()
        self._handle = handle

    def _live(self) -> int:
        if self._handle is None:
            raise ClosedEnvironmentError("the game is closed")
        return self._handle

    def describe(self) -> Dict[str, Any]:
        return json.loads(_text(_lib.sg_game_describe(self._live())))

    def reset(self, seed: Optional[int]) -> Dict[str, Any]:
        return json.loads(_text(_lib.sg_game_reset(self._live(), 0 if seed is None else 1, 0 if seed is None else seed_value(seed))))

    def step(self, actions: Dict[str, Any]) -> Dict[str, Any]:
        return json.loads(_text(_lib.sg_game_step(self._live(), json.dumps(actions).encode())))

    def render(self) -> str:
        return _text(_lib.sg_game_render(self._live()))

    def frame(self) -> Optional[np.ndarray]:
        """The game's RGB frame, a (height, width, 3) uint8 array."""
        return _frame(_lib.sg_game_frame_shape, _lib.sg_game_frame, self._live())

    def close(self) -> None:
        if self._handle is not None:
            _lib.sg_game_destroy(self._handle)
            self._handle = None

    def __del__(self) -> None:
        self.close()
